namespace SafeHome.Domain.Common;

/// An entity edited through forms. SQLite has no rowversion, so the data layer bumps <see cref="Version"/> on
/// every update and uses it as the optimistic concurrency token on both providers.
public interface IVersioned
{
    long Version { get; set; }
}

/// Case data whose every insert, update and delete must leave an audit entry.
public interface IAudited
{
}
