/// The dashboard's swift-mustache templates and stylesheet, embedded so the binary serves them with no file beside
/// it and the pages work offline. `{{x}}` escapes; `{{{x}}}` is used only for the SVG and page bodies the
/// dashboard renders itself from escaped text.
enum DashboardTemplates {
    static let layout = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <title>{{title}} · feedwatch</title>
        <link rel="stylesheet" href="/static/dashboard.css">
        <link rel="alternate" type="application/atom+xml" title="feedwatch alerts" href="{{atom}}">
        </head>
        <body>
        <header><a class="brand" href="/">feedwatch</a>
        <nav><a href="/">Topics</a> <a href="/alerts">Alerts</a> <a href="/feeds">Feeds</a></nav></header>
        <main>
        {{{body}}}
        </main>
        <footer>A read-only view of what feedwatch knows · <a href="{{atom}}">Atom feed of these alerts</a></footer>
        </body>
        </html>
        """

    static let index = """
        <h1>Topics</h1>
        <p class="health">Feeds: <strong>{{health.ok}}</strong> ok · <strong>{{health.new}}</strong> new ·
        <strong>{{health.backingOff}}</strong> backing off · <strong>{{health.failing}}</strong> failing ·
        <strong>{{health.retired}}</strong> retired — <a href="/feeds">details</a></p>
        <div class="cards">
        {{#topics}}
        <article class="card" id="topic-{{id}}">
        <h2><a href="{{href}}">{{name}}</a></h2>
        <p><span class="badge" data-status="{{status}}">{{status}}</span> <span class="since">{{since}}</span></p>
        <p class="change">{{lastChange}}</p>
        {{{sparkline}}}
        <p class="meta">{{stories}} stories in the last 7 days{{#pending}} · waiting for confirmation: {{.}}{{/pending}}</p>
        </article>
        {{/topics}}
        {{^topics}}<p>No topic is configured.</p>{{/topics}}
        </div>
        """

    static let topic = """
        <h1>{{name}}</h1>
        <p class="lede"><span class="badge" data-status="{{status}}">{{status}}</span> {{since}}{{#confidence}} ·
        confidence {{.}}{{/confidence}} · as of {{asOf}} · <a href="{{atom}}">Atom feed</a></p>
        {{#pending}}<p class="pending">Waiting for confirmation: <strong>{{status}}</strong>, reported by {{outlets}}</p>{{/pending}}
        <h2>Status over time</h2>
        {{{timeline}}}
        <ol class="history">
        {{#history}}
        <li id="change-{{n}}" class="change"><time>{{at}}</time> <strong>{{from}} → {{to}}</strong>{{#confidence}} (confidence {{.}}){{/confidence}}
        {{#cueSentence}}<blockquote>{{.}}</blockquote>{{/cueSentence}}
        <p class="sources">Sources: {{sources}}</p>
        <ul class="evidence">{{#evidence}}<li>{{#href}}<a href="{{href}}" rel="noopener noreferrer nofollow">{{title}}</a>{{/href}}{{^href}}{{title}}{{/href}} — {{feed}}</li>{{/evidence}}</ul>
        </li>
        {{/history}}
        {{^history}}<li>No status change yet.</li>{{/history}}
        </ol>
        <h2>Coverage per day</h2>
        {{{coverage}}}
        <h2>Stories</h2>
        <table class="stories"><thead><tr><th>Story</th><th>Outlets</th><th>Items</th><th>Wire copies</th><th>First</th><th>Last</th></tr></thead>
        <tbody>
        {{#stories}}<tr class="story"><td>{{title}}</td><td>{{outlets}}</td><td>{{items}}</td><td>{{copies}}</td><td>{{first}}</td><td>{{last}}</td></tr>
        {{/stories}}
        </tbody></table>
        <h2>Actors</h2>
        <ul class="actors">{{#actors}}<li>{{name}} <span class="role">{{role}}</span> first seen {{firstSeen}}</li>{{/actors}}
        {{^actors}}<li>None yet.</li>{{/actors}}</ul>
        <h2>Alerts</h2>
        {{{alerts}}}
        """

    static let alertTable = """
        <table class="alerts"><thead><tr><th>When</th><th>Kind</th><th>Topic</th><th>Summary</th><th>Deliveries</th></tr></thead>
        <tbody>
        {{#alerts}}<tr class="alert"><td>{{at}}</td><td>{{kind}}</td><td>{{topic}}</td><td><a href="{{href}}">{{summary}}</a></td><td>{{deliveries}}</td></tr>
        {{/alerts}}
        {{^alerts}}<tr><td colspan="5">No alert.</td></tr>{{/alerts}}
        </tbody></table>
        """

    static let alerts = """
        <h1>Alerts</h1>
        <form method="get" action="/alerts" class="filter">
        <label>Topic <select name="topic"><option value="">any</option>{{#topics}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/topics}}</select></label>
        <label>Kind <select name="kind"><option value="">any</option>{{#kinds}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{id}}</option>{{/kinds}}</select></label>
        <button type="submit">Filter</button>
        </form>
        <p class="count">{{total}} alerts · page {{page}} of {{pages}}</p>
        {{{table}}}
        <nav class="pages">{{#previous}}<a rel="prev" href="{{.}}">← newer</a>{{/previous}} {{#next}}<a rel="next" href="{{.}}">older →</a>{{/next}}</nav>
        """

    static let alert = """
        <h1>{{summary}}</h1>
        <dl class="alert-facts"><dt>Kind</dt><dd>{{kind}}</dd><dt>Topic</dt><dd>{{topic}}</dd><dt>When</dt><dd>{{at}}</dd>
        <dt>Raised</dt><dd>{{createdAt}}</dd>{{#cue}}<dt>Cue</dt><dd>{{.}}</dd>{{/cue}}
        {{#cueSentence}}<dt>Cue sentence</dt><dd><blockquote>{{.}}</blockquote></dd>{{/cueSentence}}
        <dt>Sources</dt><dd>{{sources}}</dd>{{#confidence}}<dt>Confidence</dt><dd>{{.}}</dd>{{/confidence}}
        {{#figures}}<dt>Figures</dt><dd>{{.}}</dd>{{/figures}}</dl>
        <h2>Evidence</h2>
        <ul class="evidence">{{#evidence}}<li>{{#href}}<a href="{{href}}" rel="noopener noreferrer nofollow">{{title}}</a>{{/href}}{{^href}}{{title}}{{/href}} — {{feed}} {{published}}</li>{{/evidence}}</ul>
        <h2>Deliveries</h2>
        <table class="deliveries"><thead><tr><th>Sink</th><th>Type</th><th>Target</th><th>State</th><th>Attempts</th><th>Delivered</th><th>Next try</th><th>Last error</th></tr></thead>
        <tbody>{{#deliveries}}<tr><td>{{sink}}</td><td>{{type}}</td><td>{{target}}</td><td>{{state}}</td><td>{{attempts}}</td><td>{{delivered}}</td><td>{{next}}</td><td>{{error}}</td></tr>{{/deliveries}}
        {{^deliveries}}<tr><td colspan="8">No sink receives this alert.</td></tr>{{/deliveries}}</tbody></table>
        <h2>Payload</h2>
        <pre class="payload">{{payload}}</pre>
        """

    static let feeds = """
        <h1>Feeds</h1>
        <table class="feeds"><thead><tr><th>Feed</th><th>State</th><th>Last status</th><th>Last new item</th><th>Next poll</th><th>Last error</th></tr></thead>
        <tbody>
        {{#feeds}}<tr class="feed" data-state="{{stateName}}"><td>{{name}}<br><small>{{url}}</small></td><td>{{state}}</td><td>{{status}}</td><td>{{lastNewItem}}</td><td>{{nextPoll}}</td><td>{{error}}</td></tr>
        {{/feeds}}
        </tbody></table>
        """

    static let notFound = """
        <h1>Not found</h1>
        <p>{{message}}</p>
        """

    static let stylesheet = """
        :root { color-scheme: light; --ink: #1f2933; --muted: #616e7c; --line: #e4e7eb; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #f8f9fa; }
        header { display: flex; gap: 2rem; align-items: baseline; padding: .8rem 1.5rem; background: var(--ink); }
        header a { color: #fff; text-decoration: none; margin-right: 1rem; }
        .brand { font-weight: 700; }
        main { max-width: 960px; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
        footer { text-align: center; color: var(--muted); padding: 1rem; font-size: 13px; }
        h1 { font-size: 1.6rem; margin: .6rem 0; }
        h2 { font-size: 1.15rem; margin: 1.6rem 0 .5rem; }
        .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(280px, 1fr)); gap: 1rem; }
        .card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: .9rem 1rem; }
        .card h2 { margin: 0 0 .4rem; }
        .meta, .since, .change, .count, .sources { color: var(--muted); font-size: 13px; }
        .badge { display: inline-block; padding: .1rem .6rem; border-radius: 999px; background: #d5d8dc; font-weight: 600; font-size: 13px; }
        svg { display: block; width: 100%; height: auto; }
        .sparkline { max-width: 150px; height: 28px; margin: .4rem 0; }
        .timeline text.band-label { fill: #fff; font-size: 13px; font-weight: 600; }
        svg text.axis { fill: var(--muted); font-size: 12px; }
        .change-marker:hover circle { r: 7; }
        table { width: 100%; border-collapse: collapse; background: #fff; font-size: 14px; }
        th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { background: #f1f3f5; font-weight: 600; }
        blockquote { margin: .3rem 0; padding-left: .8rem; border-left: 3px solid var(--line); color: #323f4b; }
        .history li { margin-bottom: .8rem; }
        .history li:target { background: #fff8e1; }
        .pending { background: #fff8e1; padding: .4rem .7rem; border-radius: 6px; }
        pre.payload { background: #fff; border: 1px solid var(--line); padding: .8rem; overflow-x: auto; font-size: 13px; }
        .filter { display: flex; gap: 1rem; align-items: end; margin-bottom: .6rem; }
        .pages { margin-top: .8rem; display: flex; gap: 1rem; }
        .role { color: var(--muted); font-size: 13px; }
        """
}
