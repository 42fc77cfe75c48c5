/// Protocol version facts shared by both ends.
public enum ProtocolVersion {
    /// The version this build speaks.
    public static let current: UInt32 = 1
    /// Versions a server of this build accepts in a HELLO.
    public static let supported: [UInt32] = [1]
}
