using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;

namespace SafeHome.Data.Encryption;

/// Wires <see cref="FieldCipher"/> into the model: configurations mark the restricted columns with
/// <see cref="IsEncrypted"/>, and a context built with <see cref="UseFieldEncryption"/> converts them on every
/// write and read. Contexts without a cipher (migrations at design time, backup checks) see the stored text.
public static class FieldEncryption
{
    private const string Annotation = "SafeHome:Encrypted";

    /// Marks a restricted column: stored encrypted, sized for the ciphertext of a value of at most
    /// <paramref name="plainMaxLength"/> characters (the entity and its forms keep checking the plain length).
    public static PropertyBuilder IsEncrypted(this PropertyBuilder property, int plainMaxLength)
    {
        ArgumentNullException.ThrowIfNull(property);
        return property.HasMaxLength(FieldCipher.StoredLength(plainMaxLength)).HasAnnotation(Annotation, true);
    }

    public static DbContextOptionsBuilder UseFieldEncryption(this DbContextOptionsBuilder builder, FieldCipher cipher)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ((IDbContextOptionsBuilderInfrastructure)builder).AddOrUpdateExtension(new FieldEncryptionOptionsExtension(cipher));
        return builder.ReplaceService<IModelCacheKeyFactory, FieldEncryptionModelCacheKeyFactory>();
    }

    internal static FieldCipher? CipherOf(DbContextOptions options) => options.FindExtension<FieldEncryptionOptionsExtension>()?.Cipher;

    internal static void Apply(ModelBuilder builder, FieldCipher? cipher)
    {
        if (cipher is null)
        {
            return;
        }

        var converter = new EncryptedStringConverter(cipher);
        foreach (var property in builder.Model.GetEntityTypes().SelectMany(t => t.GetDeclaredProperties()).Where(p => p.FindAnnotation(Annotation) is not null))
        {
            property.SetValueConverter(converter);
        }
    }

    /// The encrypted columns of a runtime model, as (entity type, property).
    public static IEnumerable<(IEntityType Entity, IProperty Property)> EncryptedProperties(IModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.GetEntityTypes()
            .SelectMany(t => t.GetDeclaredProperties().Select(p => (Entity: t, Property: p)))
            .Where(x => x.Property.GetValueConverter() is EncryptedStringConverter);
    }

    public static bool IsEncrypted(IProperty property) => property?.GetValueConverter() is EncryptedStringConverter;
}

public sealed class EncryptedStringConverter(FieldCipher cipher)
    : ValueConverter<string, string>(plain => cipher.Encrypt(plain), stored => cipher.Decrypt(stored))
{
    public FieldCipher Cipher => cipher;
}

internal sealed class FieldEncryptionOptionsExtension(FieldCipher cipher) : IDbContextOptionsExtension
{
    private DbContextOptionsExtensionInfo? _info;

    public FieldCipher Cipher => cipher;

    public DbContextOptionsExtensionInfo Info => _info ??= new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services)
    {
    }

    public void Validate(IDbContextOptions options)
    {
    }

    // The key ring changes the model, not EF's internal services: one service provider serves every ring.
    private sealed class ExtensionInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => "FieldEncryption ";

        public override int GetServiceProviderHashCode() => 0;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo)
        {
        }
    }
}

// The converters hold the key ring, so each ring (each host in a test process) gets a model of its own.
internal sealed class FieldEncryptionModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), designTime, context is SafeHomeDbContext db ? db.FieldCipher : null);
}
