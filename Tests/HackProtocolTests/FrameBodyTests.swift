import HackProtocol
import SwiftProtobuf
import Testing

@Suite("Frame bodies")
struct FrameBodyTests {
    /// Bodies no protobuf parser accepts: a truncated varint, wire type 7,
    /// a length-delimited field cut short, an end-group out of nowhere.
    static let malformedBodies: [[UInt8]] = [[0xFF], [0x07], [0x0A, 0x05, 0x01], [0x0C]]

    @Test("a non-protobuf body is INVALID_ARGUMENT naming the message type", arguments: malformedBodies)
    func malformedBody(body: [UInt8]) {
        let frame = Frame(kind: .request, callId: 9, body: body)
        expectInvalid(frame, as: Hack_V1_Request.self)
        expectInvalid(frame, as: Hack_V1_Hello.self)
        expectInvalid(frame, as: Hack_V1_Event.self)
        expectInvalid(frame, as: Hack_V1_ListEventsRequest.self)
    }

    @Test func textIsNotABody() {
        let frame = Frame(kind: .ping, body: Array("this is not protobuf".utf8))
        expectInvalid(frame, as: Hack_V1_Ping.self)
    }

    private func expectInvalid<M: SwiftProtobuf.Message>(
        _ frame: Frame, as type: M.Type, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        do {
            let message = try frame.decodeBody(as: type)
            Issue.record("decoded \(frame.body) as \(message)", sourceLocation: sourceLocation)
        } catch {
            #expect(error.status == .invalidArgument, sourceLocation: sourceLocation)
            #expect(error.message.contains(M.protoMessageName), sourceLocation: sourceLocation)
            #expect(error.message.contains(frame.kind.name), sourceLocation: sourceLocation)
        }
    }

    @Test func messageBodyRoundTrips() throws {
        var request = Hack_V1_Request()
        request.method = Methods.Events.get.name
        request.metadata = ["k": "v"]
        request.timeoutMs = 250
        var payload = Hack_V1_GetEventRequest()
        payload.slug = "hack-2025"
        request.payload = try payload.serializedBytes()

        let frame = Frame(kind: .request, callId: 5, message: request)
        #expect(try frame.decodeBody(as: Hack_V1_Request.self) == request)
        let inner = try Frame(kind: .message, body: Array(request.payload)).decodeBody(as: Hack_V1_GetEventRequest.self)
        #expect(inner == payload)
    }

    @Test func emptyBodyIsTheDefaultMessage() throws {
        #expect(try Frame(kind: .cancel, callId: 1).decodeBody(as: Hack_V1_Ping.self) == Hack_V1_Ping())
    }

    @Test func frameKindNamesMatchTheProtoNames() {
        for kind in FrameKind.allCases {
            // FRAME_KIND_HELLO → HELLO
            #expect("FRAME_KIND_" + kind.name == protoEnumName(of: kind))
        }
        #expect(FrameKind.UNRECOGNIZED(42).name == "UNKNOWN(42)")
    }

    private func protoEnumName(of kind: FrameKind) -> String {
        let names = [
            "FRAME_KIND_UNSPECIFIED", "FRAME_KIND_HELLO", "FRAME_KIND_WELCOME", "FRAME_KIND_REQUEST",
            "FRAME_KIND_RESPONSE", "FRAME_KIND_MESSAGE", "FRAME_KIND_CANCEL", "FRAME_KIND_PING",
            "FRAME_KIND_PONG", "FRAME_KIND_GOAWAY",
        ]
        return names[kind.rawValue]
    }
}
