namespace EFCore.DynamoDb.Storage.Internal.Expressions;

/// <summary>DynamoDB's documented limits on expressions, checked before a request is sent.</summary>
internal static class DynamoDbExpressionLimits
{
    /// <summary>An expression may be at most 4 KB long.</summary>
    public const int MaxExpressionLength = 4096;

    /// <summary>An expression may hold at most 300 operators and functions (an IN counts once).</summary>
    public const int MaxOperators = 300;

    /// <summary>An IN may list at most 100 values.</summary>
    public const int MaxInOperands = 100;

    public static void Check(string kind, string? expression, int operatorCount)
    {
        if (expression == null)
        {
            return;
        }

        if (expression.Length > MaxExpressionLength)
        {
            throw new InvalidOperationException(
                $"The {kind} this query needs is {expression.Length} characters long; DynamoDB allows {MaxExpressionLength}. "
                + "Simplify the condition (fewer OR branches or Contains values), or split the query.");
        }

        if (operatorCount > MaxOperators)
        {
            throw new InvalidOperationException(
                $"The {kind} this query needs has {operatorCount} operators; DynamoDB allows {MaxOperators}. "
                + "Simplify the condition (fewer OR branches), or split the query.");
        }
    }
}
