import HackDomain
import HackProtocol
import HackReports

/// hack.v1.Reports: the press-ready report, rendered on the server so every
/// client (hackctl, C tools) gets the same text.
enum ReportsService {
    static func register(on router: MethodRouter, app: HackApplication) {
        router.unary(Methods.Reports.export, permission: .reportsExport) { [app] request, caller throws(RPCError) in
            let state = app.committed
            let now = caller.now
            let event = try caller.readableEvent(request.eventSlug, in: state)
            guard Access.mayManageEvent(caller.principal, event: event.slug) || state.isPublished(eventSlug: event.slug, at: now) else {
                throw Permission.reportsExport.denied
            }
            guard let report = EventReport(eventSlug: event.slug, in: state, at: now) else {
                throw RPCError(.notFound, "event \"\(event.slug)\" not found")
            }
            let format: ReportFormat
            switch request.format {
            case .unspecified, .markdown: format = .markdown
            case .json: format = .json
            case .csv: format = .csv
            case .UNRECOGNIZED(let value): throw RPCError.invalid("format", "\(value) is not a report format")
            }
            let language: ReportLanguage
            switch request.language {
            case .unspecified, .fr: language = .fr
            case .en: language = .en
            case .UNRECOGNIZED(let value): throw RPCError.invalid("language", "\(value) is not a report language")
            }
            var answer = Hack_V1_Report()
            answer.contentType = format.contentType
            answer.fileName = report.fileName(as: format, in: language)
            answer.content = report.rendered(as: format, in: language)
            return answer
        }
    }
}
