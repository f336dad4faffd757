using EFCore.DynamoDb.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;
using Microsoft.EntityFrameworkCore.Metadata.Conventions.Infrastructure;

namespace EFCore.DynamoDb.Metadata.Conventions;

/// <summary>
///     DynamoDB generates no key values: an integer key is the application's to set (EF must not treat it as an identity
///     column), a <see cref="Guid" /> key is generated on the client, and the hidden ordinal key of an owned collection element
///     is assigned when the owner's item is written.
/// </summary>
public class DynamoDbValueGenerationConvention : ValueGenerationConvention
{
    /// <summary>Creates the convention.</summary>
    public DynamoDbValueGenerationConvention(ProviderConventionSetBuilderDependencies dependencies)
        : base(dependencies)
    {
    }

    /// <inheritdoc />
    protected override ValueGenerated? GetValueGenerated(IConventionProperty property)
    {
        if (property.DeclaringType is IConventionEntityType entityType && IsOwnedCollectionOrdinal(entityType, property))
        {
            return ValueGenerated.OnAddOrUpdate;
        }

        return property.ClrType.UnwrapNullableType() == typeof(Guid) ? base.GetValueGenerated(property) : null;
    }

    internal static bool IsOwnedCollectionOrdinal(IReadOnlyEntityType entityType, IReadOnlyProperty property)
    {
        var ownership = entityType.FindOwnership();
        return ownership is { IsUnique: false }
            && property.ClrType == typeof(int)
            && property.IsShadowProperty()
            && !property.IsForeignKey()
            && property.FindContainingPrimaryKey() is { } key
            && key.Properties.Count == ownership.Properties.Count + 1
            && ownership.Properties.All(key.Properties.Contains);
    }
}
