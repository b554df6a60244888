/// The feeds of the end-to-end tests: one ceasefire-talks story told across three outlets, in three formats; the
/// rejection is reported by two outlets, so it passes the default `min_sources: 2`.
enum StoryFeeds {
    static let wire = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel><title>Harbor Wire</title><link>https://hw.example/</link>
        <item>
          <title>Hamas puts forward a three-stage truce proposal</title>
          <link>https://hw.example/truce-proposal</link><guid isPermaLink="false">hw-truce-proposal</guid>
          <pubDate>Sun, 01 Mar 2026 08:00:00 GMT</pubDate>
          <description>&lt;p&gt;Hamas has proposed a three-stage plan for a ceasefire in Gaza, starting with a
          six-week pause and an exchange of hostages for prisoners.&lt;/p&gt;</description>
        </item>
        <item>
          <title>Israel rejects the truce plan, calling its terms unworkable</title>
          <link>https://hw.example/israel-rejects</link><guid isPermaLink="false">hw-israel-rejects</guid>
          <pubDate>Mon, 02 Mar 2026 10:30:00 GMT</pubDate>
          <description>Israel's cabinet rejected the ceasefire proposal on Monday, saying the demand for a
          permanent end to the war in Gaza was a non-starter for any deal on the hostages.</description>
        </item>
        </channel></rss>
        """

    static let ledger = """
        <?xml version="1.0" encoding="UTF-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom"><title>Lakeside Ledger</title><id>urn:ledger</id>
        <updated>2026-03-01T09:00:00Z</updated>
        <entry>
          <title>Hamas puts forward a three-stage truce proposal</title>
          <id>hw-truce-proposal</id><link rel="alternate" href="https://hw.example/truce-proposal"/>
          <published>2026-03-01T08:20:00Z</published><updated>2026-03-01T08:20:00Z</updated>
          <summary>Hamas has proposed a three-stage plan for a ceasefire in Gaza, starting with a six-week
          pause and an exchange of hostages for prisoners.</summary>
        </entry>
        </feed>
        """

    static let courier = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
                 xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel rdf:about="https://nc.example/rss"><title>Northern Courier</title><link>https://nc.example/</link>
        <description>Regional news</description></channel>
        <item rdf:about="https://nc.example/n/0">
          <title>Cabinet turns down the Hamas offer after an overnight session</title>
          <link>https://nc.example/n/0</link>
          <description>Ministers voted against the phased ceasefire offer after meeting through the night. Israel
          rejected the plan because it would end the war before every hostage is freed.</description>
          <dc:date>2026-03-02T11:15:00Z</dc:date>
        </item>
        <item rdf:about="https://nc.example/n/1">
          <title>Ceasefire negotiators regroup in Doha after the Cairo round ends</title>
          <link>https://nc.example/n/1</link>
          <description>Negotiations over a Gaza ceasefire resumed in Doha, with Qatar hosting delegations from
          Israel and Hamas after the talks in Cairo broke up. Mediators said both sides were studying a
          revised hostage exchange.</description>
          <dc:date>2026-03-04T15:45:00Z</dc:date>
        </item>
        </rdf:RDF>
        """

    static let malformed = """
        <?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title>
        <item><title>Unclosed item</title></channel></rss>
        """

    /// Broken beyond recovery: the root element's start tag never closes, so nothing of the feed can be read.
    static let unrecoverable = """
        <?xml version="1.0"?>
        <rss version="2.0"
          <channel><title>Broken</title>
        """

    static let billionLaughs = """
        <?xml version="1.0"?>
        <!DOCTYPE rss [
          <!ENTITY a "laugh">
          <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
          <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
          <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
          <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
          <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
          <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
          <!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
          <!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">
          <!ENTITY j "&i;&i;&i;&i;&i;&i;&i;&i;&i;&i;">
        ]>
        <rss version="2.0"><channel><title>Laughs</title>
        <item><title>&j;</title><guid>laugh-1</guid></item></channel></rss>
        """
}
