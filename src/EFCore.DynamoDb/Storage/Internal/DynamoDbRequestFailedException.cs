namespace EFCore.DynamoDb.Storage.Internal;

/// <summary>
///     A DynamoDB request of a query failed: the message names the operation, the table (and index) and the entity type, the
///     SDK's exception is the inner exception. Callers catch it as an <see cref="InvalidOperationException" />.
/// </summary>
internal sealed class DynamoDbRequestFailedException(string message, Exception innerException)
    : InvalidOperationException(message, innerException);
