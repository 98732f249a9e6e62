namespace Hpms.Protocols.Modbus.Rtu;

/// <summary>Which side's frames a stream decoder expects: lengths differ between requests and responses.</summary>
public enum RtuFrameKind
{
    /// <summary>Frames sent by a master (a server decodes these).</summary>
    Request,

    /// <summary>Frames sent by a server (a master decodes these).</summary>
    Response,
}
