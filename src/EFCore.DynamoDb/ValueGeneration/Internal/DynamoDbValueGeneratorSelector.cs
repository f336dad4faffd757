using Microsoft.EntityFrameworkCore.Infrastructure;
using EFCore.DynamoDb.Metadata.Conventions;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.ValueGeneration;

namespace EFCore.DynamoDb.ValueGeneration.Internal;

/// <summary>
///     Gives the hidden ordinal key of an owned collection element a temporary value when it is added, so that several new
///     elements can be tracked at once; the update pipeline replaces it with the element's position (1, 2, ...) once the
///     owner's item is written. Other properties get EF's default generators.
/// </summary>
/// <remarks>
///     This is an internal API that supports the Entity Framework Core infrastructure and not subject to the same
///     compatibility standards as public APIs. It may be changed or removed without notice in any release. You should only
///     use it directly in your code with extreme caution and knowing that doing so can result in application failures when
///     updating to a new Entity Framework Core release.
/// </remarks>
[EntityFrameworkInternal]
public class DynamoDbValueGeneratorSelector : ValueGeneratorSelector
{
    private readonly TemporaryNumberValueGeneratorFactory _ordinals = new();

    /// <summary>Creates the selector.</summary>
    public DynamoDbValueGeneratorSelector(ValueGeneratorSelectorDependencies dependencies)
        : base(dependencies)
    {
    }

    /// <inheritdoc />
    protected override ValueGenerator? FindForType(IProperty property, ITypeBase typeBase, Type clrType)
        => clrType == typeof(int)
            && typeBase is IEntityType entityType
            && DynamoDbValueGenerationConvention.IsOwnedCollectionOrdinal(entityType, property)
                ? _ordinals.Create(property, typeBase)
                : base.FindForType(property, typeBase, clrType);
}
