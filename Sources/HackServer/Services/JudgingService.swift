import HackDomain
import HackProtocol

/// hack.v1.Judging: the rubric, jurors' scores, their progress, and the
/// rankings. Scores and rankings stay with those who run the event or the
/// challenge's table until restitution begins (see Access+Judging.swift).
enum JudgingService {
    static func register(on router: MethodRouter, app: HackApplication) {
        router.write(Methods.Judging.setRubric, permission: .judgingRubric, on: app, command: { request, caller, state throws(RPCError) in
            let slug = request.rubric.eventSlug
            _ = try caller.visible(state.event(slug: slug), notFound: "event \"\(slug)\" not found") {
                Access.mayManageEvent(caller.principal, event: $0.slug)
            }
            return .setRubric(try Rubric(request.rubric))
        }, answer: { change, _ in Hack_V1_Rubric(change.rubric!) })

        router.unary(Methods.Judging.getRubric, permission: .eventsRead) { [app] request, caller throws(RPCError) in
            let state = app.committed
            let event = try caller.readableEvent(request.eventSlug, in: state)
            guard let rubric = state.rubric(eventSlug: event.slug) else {
                throw RPCError(.notFound, "event \"\(event.slug)\" has no rubric yet")
            }
            return Hack_V1_Rubric(rubric)
        }

        router.write(Methods.Judging.scoreIdea, permission: .judgingScore, on: app, command: { request, caller, state throws(RPCError) in
            let id = try resourceId(request.ideaID, field: "idea_id")
            _ = try caller.visible(state.idea(id: id), notFound: "idea \(id) not found") { idea in
                state.challenge(id: idea.challengeId).map { Access.mayScoreIdea(caller.principal, idea, challenge: $0) } ?? false
            }
            let most = InputLimits.rubricCriteriaCount.upperBound
            guard request.values.count <= most else {
                throw .invalid("values", "must list at most \(most) values, one per criterion")
            }
            return .scoreIdea(ideaId: id, juror: caller.principal, values: request.values.map {
                CriterionValue(criterion: $0.criterion, value: Int($0.value))
            })
        }, answer: { change, _ in Hack_V1_Score(change.score!) })

        router.unary(Methods.Judging.listScores, permission: .judgingScoresRead) { [app] request, caller throws(RPCError) in
            let state = app.committed
            let event = try caller.readableEvent(request.eventSlug, in: state)
            let challenges = try caller.judgingChallenges(request.challengeID, of: event, in: state) {
                Access.mayListScores(caller.principal, challenge: $0)
            }
            var response = Hack_V1_ListScoresResponse()
            for challenge in challenges {
                response.scores += state.scores(eventSlug: event.slug, challengeId: challenge.id)
                    .filter { Access.mayReadScore(caller.principal, $0, challenge: challenge) }
                    .map(Hack_V1_Score.init)
            }
            return response
        }

        router.unary(Methods.Judging.progress, permission: .judgingScore) { [app] request, caller throws(RPCError) in
            let event = try caller.readableEvent(request.eventSlug, in: app.committed)
            try caller.require(Access.mayTrackProgress(caller.principal, event: event.slug))
            return Hack_V1_JurorProgress(app.committed.progress(of: caller.principal))
        }

        router.unary(Methods.Judging.rankings, permission: .judgingRankings) { [app] request, caller throws(RPCError) in
            let state = app.committed
            let event = try caller.readableEvent(request.eventSlug, in: state)
            let isPublic = state.isPublished(eventSlug: event.slug, at: caller.now)
            let challenges = try caller.judgingChallenges(request.challengeID, of: event, in: state) {
                Access.mayReadRanking(caller.principal, challenge: $0, isPublic: isPublic)
            }
            var response = Hack_V1_RankingsResponse()
            response.rankings = challenges.compactMap { challenge in
                state.ranking(eventSlug: event.slug, challengeId: challenge.id).map { Hack_V1_Ranking($0, in: state) }
            }
            return response
        }
    }
}

extension Caller {
    /// The event's challenges `rule` lets the caller see: the one asked for
    /// (`rawId`), else all it may see, by id. Refused when it may see none,
    /// unless it runs the event (an event without challenges has nothing to show).
    func judgingChallenges(_ rawId: UInt64, of event: Event, in state: HackState,
                    _ rule: (Challenge) -> Bool) throws(RPCError) -> [Challenge] {
        if rawId != 0 {
            let id = try resourceId(rawId, field: "challenge_id")
            let challenge = try visible(state.challenge(id: id).flatMap { $0.eventSlug == event.slug ? $0 : nil },
                                        notFound: "challenge \(id) of event \"\(event.slug)\" not found", rule)
            return [challenge]
        }
        let seen = state.challenges(eventSlug: event.slug).filter(rule)
        try require(!seen.isEmpty || Access.mayManageEvent(principal, event: event.slug))
        return seen
    }
}
