import HackProtocol

/// Everything hackd is told at start; defaults are the documented ones.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: UInt16
    public var databasePath: String
    /// Seed the PARCOURS FRANCE 2017 demo event when it is not there yet.
    public var loadDemo: Bool
    public var maxFrameBytes: UInt32 = FrameDecoder.defaultMaxFrameBytes
    public var maxConcurrentCalls: UInt32 = 100
    /// Keepalive, idle and unread-bytes limits of every connection.
    public var connectionPolicy = ConnectionPolicy()
    /// Connections open at once; the next one is told GOAWAY RESOURCE_EXHAUSTED.
    public var maxConnections = 16_384
    /// At shutdown, how long calls in flight have to finish before their
    /// connections are closed anyway (queued writes still commit).
    public var shutdownGraceMs: UInt64 = 10_000
    public var serverName = "hackd/0.1"

    public init(host: String = "127.0.0.1", port: UInt16 = 7420, databasePath: String, loadDemo: Bool = false) {
        self.host = host
        self.port = port
        self.databasePath = databasePath
        self.loadDemo = loadDemo
    }

    var welcome: Hack_V1_Welcome {
        var welcome = Hack_V1_Welcome()
        welcome.protocolVersion = ProtocolVersion.current
        welcome.serverName = serverName
        welcome.limits.maxFrameBytes = maxFrameBytes
        welcome.limits.maxConcurrentCalls = maxConcurrentCalls
        welcome.limits.idleTimeoutMs = connectionPolicy.idleTimeoutMs
        welcome.limits.keepaliveTimeoutMs = connectionPolicy.keepaliveTimeoutMs
        welcome.limits.minPingIntervalMs = connectionPolicy.minPingIntervalMs
        welcome.limits.maxPingStrikes = UInt32(clamping: connectionPolicy.maxPingStrikes)
        welcome.limits.maxBufferedBytes = UInt64(connectionPolicy.maxBufferedBytes)
        return welcome
    }
}
