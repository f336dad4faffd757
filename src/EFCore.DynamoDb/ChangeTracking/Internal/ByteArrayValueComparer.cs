using EFCore.DynamoDb.Storage.Internal;
using EFCore.DynamoDb.Storage.Internal.Codecs;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace EFCore.DynamoDb.ChangeTracking.Internal;

/// <summary>
///     Compares byte arrays by content and snapshots them as copies.
/// </summary>
// EF's default comparer for byte[] already compares by content, but this one is also used for the
// elements of sets and lists, where its hash must agree with ByteArrayComparer (used by the sets
// the codecs create) and its snapshot must copy, since the application may change an array in place.
internal sealed class ByteArrayValueComparer : ValueComparer<byte[]>
{
    public static readonly ByteArrayValueComparer Instance = new();

    private ByteArrayValueComparer()
        : base(
            (a, b) => ByteArrayComparer.Instance.Equals(a, b),
            v => ByteArrayComparer.Instance.GetHashCode(v),
            v => Copy(v))
    {
    }

    private static byte[] Copy(byte[] value) => (byte[])value.Clone();
}
