import HackProtocol

/// What a call reports when it fails: the server's status and message, or
/// UNAVAILABLE / INTERNAL for a local failure (cannot connect, bad frame).
/// The same type the server answers with, so nothing is lost in between.
public typealias ClientError = RPCError
