namespace EFCore.DynamoDb.Storage.Internal;

/// <summary>DynamoDB's rules for table and index names: 3 to 255 characters of [a-zA-Z0-9_.-].</summary>
internal static class TableNameRules
{
    public const int MinLength = 3;
    public const int MaxLength = 255;

    public static bool IsValidPart(string value)
    {
        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsValidName(string name)
        => name.Length is >= MinLength and <= MaxLength && IsValidPart(name);
}
