package data

import (
	"fmt"
	"strings"
	"testing"
)

// copyHosts lists sites that only copy, aggregate or summarise other
// people's work (document mirrors, web archives, news aggregators, message
// boards, partisan and reprint sites), each with the brand its name would
// carry in a publisher column. A row read on one of them must name the
// original publication it attributes the figure to, and none of them is
// ever an original's address.
var copyHosts = map[string]string{
	"docslib.org": "docslib", "scribd.com": "scribd", "slidelegend.com": "slidelegend",
	"yumpu.com": "yumpu", "pdfslide.net": "pdfslide", "vdocuments.site": "vdocuments",
	"doczz.net": "doczz", "docplayer.net": "docplayer", "lawsdocbox.com": "lawsdocbox",
	"fanyv88.com": "fanyv88", "everycrsreport.com": "everycrsreport", "capitollabsllc.com": "capitol labs",
	"cybercemetery.unt.edu": "cybercemetery", "webarchive.library.unt.edu": "unt web archive",
	"politicalemails.org": "politicalemails", "github.com": "github", "detentionstats.com": "detentionstats",
	"conservativenewsbriefing.com": "conservative news briefing", "breitbart.com": "breitbart",
	"kxegradio.com": "kxeg", "kxoradio.com": "kxo", "sglatestnews.biz": "sglatestnews",
	"particle.news": "particle", "visaverge.com": "visaverge", "mb.boardhost.com": "boardhost",
	"einpresswire.com": "ein presswire", "aggregator.oikosix.com": "oikosix", "blogspot.com": "blogspot",
	"newsukraine.rbc.ua": "rbc", "scmeike.com": "scmeike", "dailymindgoals.com": "dailymindgoals",
	"alphanews.org": "alpha news", "thenationalpulse.com": "national pulse", "americanfaith.com": "american faith",
	"amren.com": "amren", "reddit.com": "reddit", "inkl.com": "inkl", "deported.news": "deported.news",
	"factually.co": "factually", "alipac.us": "alipac", "daily8.com": "daily8", "pilihbajumuslim.com": "pilihbajumuslim",
	"costcoupon.com": "costcoupon", "rampagefang.com": "rampagefang", "globeistan.com": "globeistan",
	"vibeforge.co": "vibeforge", "briefly.co": "briefly", "purse-ho.com": "purse-ho", "updatem.com": "updatem",
	"pastebn.online": "pastebn", "exeter.one": "exeter", "like123.com": "like123", "gesi360.com": "gesi360",
	"news247plus.com": "news247plus", "ljnewsopinions.com": "ljnewsopinions", "newspub.live": "newspub",
	"podam.pl": "podam", "post-truth.eu": "post-truth", "pulsereport.us": "pulsereport",
	"wallstreetn24.com": "wallstreetn24", "sotnews.agency": "sotnews", "evrimagaci.org": "evrimagaci",
	"internewscast.com": "internewscast", "atvflorida.net": "atvflorida", "alertajrz.com": "alerta",
	"courtlawsnews.com": "courtlawsnews", "latin-american.news": "latin-american.news",
	"budapestnews.org": "budapestnews", "gopbriefingroom.com": "gopbriefingroom",
	"freerepublic.com": "free republic", "todayeducationnews.com": "todayeducation",
	"thefederalnewswire.com": "federal newswire", "aicfoundation.com": "aicfoundation",
	"mexicodailypost.com": "mexico daily post", "stvincenttimes.com": "st vincent",
	"myorlandoimmigrationlawyer.com": "myorlando",
	"us-immigration.com":             "us-immigration", "law.onecle.com": "onecle", "app.midpage.ai": "midpage",
	"federal.elaws.us": "elaws", "codes.lp.findlaw.com": "findlaw", "groups.google.com": "google",
	"federalgovernmentjobs.us": "federalgovernmentjobs", "pressreader.com": "pressreader",
	"viewer.joomag.com": "joomag",
	"freshsociety.info": "freshsociety", "breakingmn.com": "breakingmn",
}

// copyHost returns the entry of copyHosts that host belongs to, or "".
func copyHost(host string) string {
	for h := range copyHosts {
		if host == h || strings.HasSuffix(host, "."+h) {
			return h
		}
	}
	return ""
}

// provRow is one row's provenance under a name for messages.
type provRow struct {
	name string
	p    Provenance
}

// copyProblems returns what is wrong with rows read on copy hosts, and how
// many rows were read on one.
func copyProblems(rows []provRow) (problems []string, onCopies int) {
	for _, r := range rows {
		if h := copyHost(Host(r.p.URL)); h != "" {
			problems = append(problems, fmt.Sprintf("%s: original address %s is on %s, a copy host", r.name, r.p.URL, h))
		}
		h := copyHost(Host(r.p.ReadAt))
		if h == "" {
			continue
		}
		onCopies++
		if strings.TrimSpace(r.p.Publisher) == "" || strings.TrimSpace(r.p.Publication) == "" {
			problems = append(problems, fmt.Sprintf("%s: read on %s with no publisher or publication", r.name, h))
		}
		if pub := strings.ToLower(r.p.Publisher); strings.Contains(pub, copyHosts[h]) || strings.Contains(pub, h) {
			problems = append(problems, fmt.Sprintf("%s: read on %s, which is named as the publisher (%q): name the publication it attributes the figure to", r.name, h, r.p.Publisher))
		}
		if r.p.Basis == "quoted" && strings.TrimSpace(r.p.Note) == "" {
			problems = append(problems, fmt.Sprintf("%s: quoted on %s without a note saying so", r.name, h))
		}
	}
	return problems, onCopies
}

// TestMirrorsNameTheirOriginal is issue 18's bar: any figure or document
// read on a mirror or aggregator must name the original publication
// (publisher and title, not the host), no original address may point at
// such a host, and an aggregator is never the publication itself.
func TestMirrorsNameTheirOriginal(t *testing.T) {
	var rows []provRow
	for _, f := range mustFigures(t) {
		rows = append(rows, provRow{"figures.csv " + f.Series + " " + f.Period, f.Provenance})
	}
	ds, err := Documents()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ds {
		rows = append(rows, provRow{"documents.csv " + d.ID, d.Provenance})
	}
	problems, onCopies := copyProblems(rows)
	for _, p := range problems {
		t.Error(p)
	}
	if onCopies < 100 {
		t.Errorf("only %d rows read on copy hosts; the list or Host is broken", onCopies)
	}
}

// TestCopyProblemsCatches shows the bar failing on the rows it exists for.
func TestCopyProblemsCatches(t *testing.T) {
	bad := []provRow{
		{"aggregator as publisher", Provenance{Publisher: "particle.news (news digest)", Publication: "digest", ReadAt: "https://particle.news/x"}},
		{"mirror as original", Provenance{Publisher: "GAO", Publication: "GAO-17-438", URL: "https://pdfslide.net/x", ReadAt: "https://pdfslide.net/x"}},
		{"no publication", Provenance{Publisher: "ICE", ReadAt: "https://www.scribd.com/document/1"}},
		{"quoted silently", Provenance{Publisher: "ICE", Publication: "Annual Report", Basis: "quoted", ReadAt: "https://conservativenewsbriefing.com/?p=1"}},
	}
	for _, r := range bad {
		if problems, _ := copyProblems([]provRow{r}); len(problems) == 0 {
			t.Errorf("%s: not caught", r.name)
		}
	}
	good := provRow{"named original", Provenance{Publisher: "U.S. Immigration and Customs Enforcement", Publication: "FY2022 Annual Report", Basis: "quoted", ReadAt: "https://conservativenewsbriefing.com/?p=1", Note: "read where Conservative News Briefing quotes it"}}
	if problems, n := copyProblems([]provRow{good}); len(problems) != 0 || n != 1 {
		t.Errorf("good row: %v (on copies %d)", problems, n)
	}
}

// TestHost checks the host extraction the bar relies on.
func TestHost(t *testing.T) {
	for in, want := range map[string]string{
		"https://www.ice.gov/remove/statistics":                   "ice.gov",
		"https://fanyv88.com:443/https/www.scribd.com/document/1": "fanyv88.com",
		"http://mexicanexpulsions.blogspot.com/2010/08":           "mexicanexpulsions.blogspot.com",
		"ice.gov/removal-statistics":                              "",
		"https://Particle.News?x=1":                               "particle.news",
	} {
		if got := Host(in); got != want {
			t.Errorf("Host(%q) = %q, want %q", in, got, want)
		}
	}
	if copyHost("ro.scribd.com") != "scribd.com" || copyHost("notscribd.com") != "" {
		t.Error("copyHost does not match subdomains only")
	}
}
