extension HackSchema {
    /// The current revision of an idea is its row in `ideas`; `idea_revisions`
    /// keeps only the revisions an edit replaced. Creating an idea then writes
    /// one row instead of two copies of the same text (the load already took
    /// the current revision from `ideas`). Files written before keep a copy of
    /// each current revision there: those copies go, the idea rows hold them.
    static let currentRevisionIsTheIdea = Migration(name: "0007_current_revision_is_the_idea", sql: """
        DELETE FROM idea_revisions
        WHERE revision = (SELECT ideas.revision FROM ideas WHERE ideas.id = idea_revisions.idea_id);
        """)
}
