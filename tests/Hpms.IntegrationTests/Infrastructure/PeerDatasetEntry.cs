using System.Text.Json;
using Hpms.Protocols.Registers;

namespace Hpms.IntegrationTests.Infrastructure;

/// <summary>One typed value of peer-dataset.json: where it is, how it is laid out, what it is.</summary>
public sealed record PeerDatasetEntry(
    string Name, string Table, int Address, string Type, WordOrder WordOrder, JsonElement Value, string Hex, IReadOnlyList<ushort> Registers)
{
    /// <summary>Gets the data type, <see cref="RegisterDataType.String"/> for "ascii".</summary>
    public RegisterDataType DataType => Type switch
    {
        "int16" => RegisterDataType.Int16,
        "uint16" => RegisterDataType.UInt16,
        "int32" => RegisterDataType.Int32,
        "uint32" => RegisterDataType.UInt32,
        "float32" => RegisterDataType.Float32,
        "int64" => RegisterDataType.Int64,
        "uint64" => RegisterDataType.UInt64,
        "float64" => RegisterDataType.Float64,
        "ascii" => RegisterDataType.String,
        _ => throw new InvalidDataException($"peer-dataset.json: unknown type {Type} in {Name}."),
    };
}
