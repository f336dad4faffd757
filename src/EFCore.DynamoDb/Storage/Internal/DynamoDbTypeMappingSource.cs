using System.Collections.Concurrent;
using EFCore.DynamoDb.ChangeTracking.Internal;
using EFCore.DynamoDb.Internal;
using EFCore.DynamoDb.Storage.Internal.Codecs;
using EFCore.DynamoDb.Storage.ValueConversion.Internal;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace EFCore.DynamoDb.Storage.Internal;

/// <summary>
///     Maps CLR types to native DynamoDB attribute types (docs/design.md section 4): strings, chars and Guids to S; numbers to N;
///     bool to BOOL; byte[] to B; dates and times to fixed-width, order-preserving S; enums to N; sets to SS/NS/BS; lists
///     to L; string-keyed dictionaries to M. Other types reach these through EF's value converters.
/// </summary>
/// <remarks>
///     This is an internal API that supports the Entity Framework Core infrastructure and not subject to the same
///     compatibility standards as public APIs. It may be changed or removed without notice in any release. You should only
///     use it directly in your code with extreme caution and knowing that doing so can result in application failures when
///     updating to a new Entity Framework Core release.
/// </remarks>
[EntityFrameworkInternal]
public class DynamoDbTypeMappingSource : TypeMappingSource
{
    private readonly ConcurrentDictionary<Type, DynamoDbTypeMapping?> _mappings = new();

    /// <summary>Creates the type mapping source.</summary>
    public DynamoDbTypeMappingSource(TypeMappingSourceDependencies dependencies)
        : base(dependencies)
    {
    }

    /// <inheritdoc />
    protected override CoreTypeMapping? FindMapping(in TypeMappingInfo mappingInfo)
    {
        var clrType = mappingInfo.ClrType;
        return clrType == null ? null : _mappings.GetOrAdd(clrType.UnwrapNullableType(), CreateMapping);
    }

    /// <inheritdoc />
    /// <remarks>
    ///     A property's mapping may differ from its type's: a configured date and time format, DynamoDBContext's forms, a row
    ///     version read as 0 before any writer set it (see <see cref="DynamoDbStoredForms" />).
    /// </remarks>
    public override CoreTypeMapping? FindMapping(IProperty property)
    {
        var mapping = base.FindMapping(property);
        return mapping is DynamoDbTypeMapping dynamoDbMapping ? DynamoDbStoredForms.Adapt(dynamoDbMapping, property) : mapping;
    }

    private static DynamoDbTypeMapping? CreateMapping(Type clrType)
    {
        // Types DynamoDB has no native form for go through the same converters as collection elements of those types.
        if (DynamoDbDefaultValueConverters.Find(clrType) is { } converter)
        {
            return AttributeValueCodecFactory.TryCreate(converter.ProviderClrType, out var providerCodec)
                ? new DynamoDbTypeMapping(clrType, providerCodec, converter)
                : null;
        }

        if (!AttributeValueCodecFactory.TryCreate(clrType, out var codec))
        {
            return null;
        }

        // Collections and byte[] need deep comparison and snapshots, so in-place changes are detected.
        var comparer = DynamoDbValueComparers.Create(clrType);
        return new DynamoDbTypeMapping(clrType, codec, converter: null, comparer, comparer);
    }
}
