using EFCore.DynamoDb.Metadata.Conventions;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.ValueGeneration;

namespace EFCore.DynamoDb.ValueGeneration.Internal;

/// <summary>
///     Gives the hidden ordinal key of an owned collection element a temporary value when it is added, so that several new
///     elements can be tracked at once; the update pipeline replaces it with the element's position (1, 2, ...) once the
///     owner's item is written. Other properties get EF's default generators.
/// </summary>
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
