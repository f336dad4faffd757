using Amazon.DynamoDBv2;
using EFCore.DynamoDb.Metadata.Internal;
using EFCore.DynamoDb.Storage.ValueConversion.Internal;

// ReSharper disable once CheckNamespace
namespace Microsoft.EntityFrameworkCore;

/// <summary>DynamoDB-specific configuration of a whole model: storage forms and attribute names shared with other tools.</summary>
public static class DynamoDbModelBuilderExtensions
{
    /// <summary>
    ///     Stores every <see cref="DateTime" /> and <see cref="DateTimeOffset" /> property of the model as its UTC instant in the
    ///     .NET custom format <paramref name="format" /> (invariant culture), unless the property has its own
    ///     <c>HasDateTimeFormat</c> or a value converter. Writes, key lookups, key conditions and filters use the format; reads
    ///     also accept any ISO-8601 text. See <c>PropertyBuilder.HasDateTimeFormat</c> for the rules.
    /// </summary>
    /// <param name="modelBuilder">The model builder.</param>
    /// <param name="format">The format, e.g. <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>; the zone must be a literal (values are UTC).</param>
    public static ModelBuilder HasDateTimeFormat(this ModelBuilder modelBuilder, string format)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        DateTimeTextFormat.Get(format);
        modelBuilder.Model.SetAnnotation(DynamoDbAnnotationNames.DateTimeFormat, format);
        return modelBuilder;
    }

    /// <summary>
    ///     Writes what the AWS SDK's <c>DynamoDBContext</c> writes with the conversion <paramref name="conversion" />, so that a
    ///     table can be shared with (or migrated from) code that uses it: DateTime as <c>yyyy-MM-ddTHH:mm:ss.fffZ</c> (UTC),
    ///     row versions starting at 0, and under V1 (the SDK's default) bool as N 1/0 and <c>List&lt;T&gt;</c> and <c>T[]</c> of
    ///     strings, numbers, chars, Guids and byte arrays as SS, NS or BS. Both forms are read whatever the model writes.
    /// </summary>
    /// <remarks>
    ///     A list stored as a set loses its order and cannot hold duplicates or nulls: such a list is refused on save. Per
    ///     property, <c>HasDateTimeFormat</c> and value converters still win.
    /// </remarks>
    /// <param name="modelBuilder">The model builder.</param>
    /// <param name="conversion">The DynamoDBContext conversion schema the other code uses: V1 (its default) or V2.</param>
    public static ModelBuilder UseDynamoDbContextConventions(this ModelBuilder modelBuilder, ConversionSchema conversion = ConversionSchema.V1)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        if (conversion is not (ConversionSchema.V1 or ConversionSchema.V2))
        {
            throw new ArgumentOutOfRangeException(nameof(conversion), conversion, "DynamoDBContext's conversion schemas are V1 and V2.");
        }

        modelBuilder.Model.SetAnnotation(DynamoDbAnnotationNames.DynamoDbContextConventions, conversion.ToString());
        return modelBuilder;
    }

    /// <summary>
    ///     Derives every attribute name from its property or navigation name by <paramref name="convention" />
    ///     (<c>ForumName</c> → <c>forum_name</c> with <see cref="DynamoDbNamingConvention.SnakeCase" />): properties (keys
    ///     included, so index keys follow), owned navigations, complex properties (nested maps too) and the discriminator.
    ///     <c>HasAttributeName</c> wins where it is configured.
    /// </summary>
    /// <param name="modelBuilder">The model builder.</param>
    /// <param name="convention">The naming convention.</param>
    public static ModelBuilder HasAttributeNamingConvention(this ModelBuilder modelBuilder, DynamoDbNamingConvention convention)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        if (!Enum.IsDefined(convention))
        {
            throw new ArgumentOutOfRangeException(nameof(convention), convention, "Not a DynamoDbNamingConvention.");
        }

        modelBuilder.Model.SetAnnotation(DynamoDbAnnotationNames.AttributeNamingConvention, convention);
        return modelBuilder;
    }
}
