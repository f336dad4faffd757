using EFCore.DynamoDb.Internal;
using EFCore.DynamoDb.Metadata.Internal;
using EFCore.DynamoDb.Storage.ValueConversion.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace EFCore.DynamoDb.Metadata.Conventions;

/// <summary>
///     Stores a <see cref="DateTime" /> or <see cref="DateTimeOffset" /> time-to-live property as epoch seconds (an N attribute),
///     the only form DynamoDB's time to live reads; by default dates are sortable strings, which TTL would silently ignore. A
///     converter the application configured itself is kept (the model validator then checks that it produces a number).
/// </summary>
internal sealed class DynamoDbTimeToLiveConvention : IModelFinalizingConvention
{
    public void ProcessModelFinalizing(IConventionModelBuilder modelBuilder, IConventionContext<IConventionModelBuilder> context)
    {
        foreach (var entityType in modelBuilder.Metadata.GetEntityTypes())
        {
            if (entityType.BaseType != null
                || entityType[DynamoDbAnnotationNames.TimeToLiveProperty] is not string name
                || entityType.FindProperty(name) is not { } property)
            {
                continue;
            }

            var converter = EpochSecondsConverter(property.ClrType.UnwrapNullableType());
            if (converter != null)
            {
                // Convention level: an explicit HasConversion (or HasConversion<T>()) wins.
                property.Builder.HasConversion(converter);
            }
        }
    }

    /// <summary>Epoch seconds for a date type (TTL, DynamoDBContext's StoreAsEpoch), or null for another type.</summary>
    internal static ValueConverter? EpochSecondsConverter(Type clrType)
        => clrType == typeof(DateTime)
            ? new DateTimeToEpochSecondsConverter()
            : clrType == typeof(DateTimeOffset)
                ? new DateTimeOffsetToEpochSecondsConverter()
                : null;
}
