using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace SafeHome.Data;

/// A compiled query (EF.CompileAsyncQuery) for each model it meets. EF refuses to run a compiled query against a
/// model other than the one it was compiled for, and every field key ring has a model of its own (see
/// FieldEncryption): one per host, so several hosts in one test process, or a new ring after a rotation.
public sealed class CompiledQuery<TQuery>(Func<TQuery> compile)
    where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> _byModel = [];

    public TQuery For(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return _byModel.GetValue(db.Model, _ => compile());
    }
}
