// ReSharper disable once CheckNamespace
namespace Microsoft.EntityFrameworkCore;

/// <summary>
///     How attribute names are derived from property and navigation names (<c>HasAttributeNamingConvention</c>), for a model over
///     a table whose attributes other tools named.
/// </summary>
public enum DynamoDbNamingConvention
{
    /// <summary>The property name as it is (<c>LastPostDateTime</c>): the default, and DynamoDBContext's.</summary>
    None,

    /// <summary>
    ///     Lower-case words joined by '_' (<c>last_post_date_time</c>, <c>forum_name</c>), as Python's PynamoDB models name
    ///     attributes; words split as System.Text.Json's <c>JsonNamingPolicy.SnakeCaseLower</c> splits them.
    /// </summary>
    SnakeCase,

    /// <summary>
    ///     The first word in lower case (<c>lastPostDateTime</c>), as System.Text.Json's <c>JsonNamingPolicy.CamelCase</c>: a
    ///     leading acronym is lower-cased whole (<c>ID</c> → <c>id</c>, <c>URLValue</c> → <c>urlValue</c>), where DynamoDBContext's
    ///     <c>lowerCamelCaseProperties</c> lowers only the first letter (<c>iD</c>, <c>uRLValue</c>).
    /// </summary>
    CamelCase,

    /// <summary>All in lower case, nothing between the words (<c>lastpostdatetime</c>).</summary>
    LowerCase,

    /// <summary>Upper-case words joined by '_' (<c>LAST_POST_DATE_TIME</c>).</summary>
    UpperSnakeCase,
}
