using Amazon.DynamoDBv2.Model;

namespace EFCore.DynamoDb.Storage.Internal.Codecs;

/// <summary>
///     Identifies and describes a stored <see cref="AttributeValue" /> for error messages.
/// </summary>
internal static class AttributeValueDescriber
{
    // Long strings are cut so that a mismatch on a large attribute does not produce a huge message.
    private const int MaxQuotedLength = 64;

    // SDK v4 leaves unset members null, but the collection members are tested through their IsXSet
    // flags because AWSConfigs.InitializeCollections makes every collection non-null.
    public static DynamoDbAttributeType? GetAttributeType(AttributeValue value)
    {
        if (value.S is not null)
        {
            return DynamoDbAttributeType.S;
        }

        if (value.N is not null)
        {
            return DynamoDbAttributeType.N;
        }

        if (value.B is not null)
        {
            return DynamoDbAttributeType.B;
        }

        if (value.BOOL.HasValue)
        {
            return DynamoDbAttributeType.BOOL;
        }

        if (value.NULL == true)
        {
            return DynamoDbAttributeType.NULL;
        }

        if (value.IsSSSet)
        {
            return DynamoDbAttributeType.SS;
        }

        if (value.IsNSSet)
        {
            return DynamoDbAttributeType.NS;
        }

        if (value.IsBSSet)
        {
            return DynamoDbAttributeType.BS;
        }

        if (value.IsLSet)
        {
            return DynamoDbAttributeType.L;
        }

        if (value.IsMSet)
        {
            return DynamoDbAttributeType.M;
        }

        return null;
    }

    public static string Describe(AttributeValue value)
        => GetAttributeType(value) switch
        {
            DynamoDbAttributeType.S => $"S {Quote(value.S)}",
            DynamoDbAttributeType.N => $"N {Quote(value.N)}",
            DynamoDbAttributeType.B => $"B of {value.B.Length} bytes",
            DynamoDbAttributeType.BOOL => value.BOOL == true ? "BOOL true" : "BOOL false",
            DynamoDbAttributeType.NULL => "NULL",
            DynamoDbAttributeType.SS => $"SS of {value.SS.Count} elements",
            DynamoDbAttributeType.NS => $"NS of {value.NS.Count} elements",
            DynamoDbAttributeType.BS => $"BS of {value.BS.Count} elements",
            DynamoDbAttributeType.L => $"L of {value.L.Count} elements",
            DynamoDbAttributeType.M => $"M of {value.M.Count} entries",
            _ => "an AttributeValue with no type set",
        };

    private static string Quote(string text)
        => text.Length <= MaxQuotedLength
            ? $"\"{text}\""
            : $"\"{text[..MaxQuotedLength]}...\" ({text.Length} characters)";
}
