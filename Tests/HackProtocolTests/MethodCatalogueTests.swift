import Foundation
import HackProtocol
import Testing

/// One `rpc` of services.proto, as declared.
private struct ProtoMethod: Equatable, CustomStringConvertible {
    var name: String          // hack.v1.<Service>/<Method>
    var requestType: String   // full name, hack.v1.<Message>
    var responseType: String
    var isServerStream: Bool

    var description: String {
        "\(name)(\(requestType)) returns (\(isServerStream ? "stream " : "")\(responseType))"
    }
}

/// The text without `//` and `/* */` comments (the schema has no string
/// literals that could contain them).
private func strippingComments(_ text: String) -> String {
    var text = text.replacing(try! Regex(#"/\*[\s\S]*?\*/"#), with: " ")
    text = text.replacing(try! Regex(#"//[^\n]*"#), with: "")
    return text
}

/// Every rpc of every service in `proto`, whose package is `package`.
private func parseServices(_ proto: String, package: String) throws -> [ProtoMethod] {
    let text = strippingComments(proto)
    let serviceHeader = try Regex(#"\bservice\s+(\w+)\s*\{"#)
    let rpc = try Regex(#"\brpc\s+(\w+)\s*\(\s*([\w.]+)\s*\)\s*returns\s*\(\s*(stream\s+)?([\w.]+)\s*\)"#)
    func qualified(_ type: Substring) -> String {
        type.contains(".") ? String(type.drop { $0 == "." }) : "\(package).\(type)"
    }

    var methods: [ProtoMethod] = []
    for header in text.matches(of: serviceHeader) {
        let service = String(header.output[1].substring!)
        // The body runs to the brace matching the service's own.
        var depth = 1
        var end = header.range.upperBound
        while depth > 0, end < text.endIndex {
            if text[end] == "{" { depth += 1 } else if text[end] == "}" { depth -= 1 }
            end = text.index(after: end)
        }
        for match in text[header.range.upperBound..<end].matches(of: rpc) {
            let out = match.output
            methods.append(ProtoMethod(
                name: "\(package).\(service)/\(out[1].substring!)",
                requestType: qualified(out[2].substring!),
                responseType: qualified(out[4].substring!),
                isServerStream: out[3].substring != nil))
        }
    }
    return methods
}

@Suite("Method catalogue")
struct MethodCatalogueTests {
    /// The proto files that declare services.
    static let serviceFiles = ["Proto/hack/v1/services.proto", "Proto/hack/v1/health.proto"]

    private static func protoMethods() throws -> [ProtoMethod] {
        try serviceFiles.flatMap { file in
            let proto = try repositoryFile(file)
            let package = try #require(
                strippingComments(proto).firstMatch(of: try Regex(#"\bpackage\s+([\w.]+)\s*;"#))?.output[1].substring)
            #expect(package == "hack.v1")
            let methods = try parseServices(proto, package: String(package))
            // Guards the parser: every `rpc` keyword was understood.
            let rpcKeywords = strippingComments(proto).matches(of: try Regex(#"\brpc\b"#)).count
            #expect(methods.count == rpcKeywords, "the parser missed an rpc declaration in \(file)")
            #expect(!methods.isEmpty, "\(file) declares no rpc")
            return methods
        }
    }

    @Test func everyProtoDeclaringAServiceIsRead() throws {
        let directory = repositoryRoot.appendingPathComponent("Proto/hack/v1")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".proto") }
        for file in files {
            let text = strippingComments(try repositoryFile("Proto/hack/v1/\(file)"))
            let declaresService = text.contains(try Regex(#"\bservice\s+\w+\s*\{"#))
            #expect(declaresService == Self.serviceFiles.contains("Proto/hack/v1/\(file)"), "\(file)")
        }
    }

    @Test func catalogueHasTheSameMethodsAsTheProto() throws {
        let proto = try Self.protoMethods()
        let catalogue = Methods.all
        #expect(Set(catalogue.map(\.name)).count == catalogue.count, "a method is listed twice")
        #expect(Set(proto.map(\.name)).count == proto.count, "a method is declared twice")

        let missing = Set(proto.map(\.name)).subtracting(catalogue.map(\.name))
        let extra = Set(catalogue.map(\.name)).subtracting(proto.map(\.name))
        #expect(missing.isEmpty, "in services.proto, not in Methods: \(missing.sorted())")
        #expect(extra.isEmpty, "in Methods, not in services.proto: \(extra.sorted())")
    }

    @Test func catalogueTypesAndStreamingMatchTheProto() throws {
        let catalogue = Dictionary(uniqueKeysWithValues: Methods.all.map { ($0.name, $0) })
        for method in try Self.protoMethods() {
            guard let info = catalogue[method.name] else { continue }  // reported by the test above
            #expect(info.requestType == method.requestType, "\(method)")
            #expect(info.responseType == method.responseType, "\(method)")
            #expect(info.isServerStream == method.isServerStream, "\(method)")
        }
    }

    @Test func typedConstantsCarryTheirNameAndTypes() {
        #expect(Methods.Events.list.name == "hack.v1.Events/List")
        let watch = Methods.Events.watch.info
        #expect(watch.name == "hack.v1.Events/Watch")
        #expect(watch.requestType == "hack.v1.WatchEventRequest")
        #expect(watch.responseType == "hack.v1.EventUpdate")
        #expect(watch.isServerStream)
        #expect(!Methods.Events.list.info.isServerStream)
        #expect(Methods.Ideas.listRevisions.info.name == "hack.v1.Ideas/ListRevisions")
        #expect(Methods.Ideas.listRevisions.info.requestType == Hack_V1_ListIdeaRevisionsRequest.protoMessageName)
    }

    @Test func parserReadsTheProtoForms() throws {
        let sample = """
            package x.y;
            // service Commented { rpc No(A) returns (B); }
            service S {
              rpc A(Req) returns (Res);   // trailing comment
              rpc B ( .x.y.Req ) returns ( stream Res ) {}
              rpc C(Req)
                  returns (other.pkg.Res) { option deprecated = true; }
            }
            service T { rpc D(Req) returns (stream x.y.Res); }
            """
        let methods = try parseServices(sample, package: "x.y")
        #expect(methods == [
            ProtoMethod(name: "x.y.S/A", requestType: "x.y.Req", responseType: "x.y.Res", isServerStream: false),
            ProtoMethod(name: "x.y.S/B", requestType: "x.y.Req", responseType: "x.y.Res", isServerStream: true),
            ProtoMethod(name: "x.y.S/C", requestType: "x.y.Req", responseType: "other.pkg.Res", isServerStream: false),
            ProtoMethod(name: "x.y.T/D", requestType: "x.y.Req", responseType: "x.y.Res", isServerStream: true),
        ])
    }
}
