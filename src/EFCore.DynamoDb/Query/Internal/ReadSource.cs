using System.Linq.Expressions;

namespace EFCore.DynamoDb.Query.Internal;

/// <summary>
///     Where a query's items come from when not from its table's key schema: a PartiQL statement (FromPartiQL) or items the
///     application already holds (FromItems). LINQ operators composed after either run on the items it gives.
/// </summary>
internal abstract record ReadSource;

/// <summary>The expressions (constants or query parameters) of a PartiQL SELECT statement and of its parameter values.</summary>
internal sealed record PartiQLSource(Expression Statement, Expression Parameters) : ReadSource;

/// <summary>The expression of the items given (a query parameter of the list of items).</summary>
internal sealed record GivenItemsSource(Expression Items) : ReadSource;
