import HackProtocol
import Testing
@testable import HackServer

/// hack.v1.Health and hack.v1.Reflection, through the router, without a token.
struct HealthAndReflectionTests {
    @Test func healthIsServingUntilShutdownBegins() throws {
        let harness = try ServiceHarness()
        defer { #expect(throws: Never.self) { try harness.close() } }
        let serving = try harness.call(Methods.Health.check, Hack_V1_HealthCheckRequest(), token: .some(nil)).get()
        #expect(serving.status == .serving)
        let events = try harness.call(Methods.Health.check, .with { $0.service = "hack.v1.Events" }, token: .some(nil)).get()
        #expect(events.status == .serving)

        harness.app.isServing = false
        let stopping = try harness.call(Methods.Health.check, Hack_V1_HealthCheckRequest(), token: .some(nil)).get()
        #expect(stopping.status == .notServing)
    }

    @Test func healthOfAServiceNotServedIsNotFound() throws {
        let harness = try ServiceHarness()
        defer { #expect(throws: Never.self) { try harness.close() } }
        let result = try harness.call(Methods.Health.check, .with { $0.service = "hack.v1.Nope" }, token: .some(nil))
        guard case .failure(let error) = result else { Issue.record("answered \(result)"); return }
        #expect(error.status == .notFound)
        #expect(error.message == "service \"hack.v1.Nope\" is not served here")
    }

    @Test func reflectionListsEveryRegisteredMethodWithItsTypesAndPermission() throws {
        let harness = try ServiceHarness()
        defer { #expect(throws: Never.self) { try harness.close() } }
        let listing = try harness.call(Methods.Reflection.listServices, Hack_V1_ListServicesRequest(), token: .some(nil)).get()
        #expect(listing.services.map(\.name) == listing.services.map(\.name).sorted())
        #expect(listing.services.map(\.name).contains("hack.v1.Health"))

        let methods = listing.services.flatMap { service in service.methods.map { (service.name, $0) } }
        // Exactly the catalogue, each with the types the catalogue gives it.
        let catalogue = Dictionary(uniqueKeysWithValues: Methods.all.map { ($0.name, $0) })
        #expect(Set(methods.map(\.1.fullName)) == Set(catalogue.keys))
        let permissions = Dictionary(uniqueKeysWithValues: harness.router.permissionTable.map { ($0.method, $0.permission) })
        for (service, method) in methods {
            let info = try #require(catalogue[method.fullName])
            #expect(method.fullName == "\(service)/\(method.name)")
            #expect(method.requestType == info.requestType)
            #expect(method.responseType == info.responseType)
            #expect(method.serverStreaming == info.isServerStream)
            #expect(method.permission == permissions[method.fullName]?.rawValue)
            #expect(method.needsToken == permissions[method.fullName]?.needsToken)
        }
        let watch = try #require(methods.first { $0.1.fullName == Methods.Events.watch.name }?.1)
        #expect(watch.serverStreaming && watch.permission == "events.read" && watch.needsToken)
        let check = try #require(methods.first { $0.1.fullName == Methods.Health.check.name }?.1)
        #expect(!check.needsToken && check.permission == "health.check")
    }
}
