package main

import (
	"cmp"
	"context"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/letters"
)

// What the host gives the SDK: the creditor, a clock, a Creditors and a Dispatcher.

// nordhavn is the creditor: a Danish plumbing firm.
var nordhavn = dunning.Party{
	ID: "CR-1", Name: "Nordhavn VVS ApS", Kind: dunning.Business, Jurisdiction: dunning.DK,
	Address:      dunning.Address{Lines: []string{"Strandvejen 100"}, PostalCode: "2900", City: "Hellerup", Country: "DK"},
	Registration: dunning.Registration{Scheme: dunning.CVR, Number: "24256790"},
	Email:        "debitor@nordhavn-vvs.dk", Phone: "+45 39 40 50 60",
}

// creditors is the host's Creditors: one creditor, with its letterhead and bank
// details, claiming the compensation fee from business debtors (E6), and no
// holidays. It is read-only, so safe for concurrent use.
type creditors struct{}

func (creditors) Profile(_ context.Context, id string) (collection.CreditorProfile, error) {
	if id != nordhavn.ID {
		return collection.CreditorProfile{}, fmt.Errorf("unknown creditor %q", id)
	}
	return collection.CreditorProfile{
		Letterhead: letters.Creditor{
			Name: nordhavn.Name, Address: nordhavn.Address, Registration: nordhavn.Registration,
			Email: nordhavn.Email, Phone: nordhavn.Phone, Website: "www.nordhavn-vvs.dk",
			Bank: letters.Bank{Name: "Danske Bank", IBAN: "DK50 0040 0440 1162 43", BIC: "DABADKKK",
				Account: "Reg.nr. 0040 konto 0440116243"},
		},
		ClaimCompensation: true,
	}, nil
}

func (creditors) Holidays(context.Context, string) ([]date.Period, error) { return nil, nil }

// clock is the simulation's clock: the SDK reads "now" only from it, and the run
// moves it forward a day at a time.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

// outbox is the host's Dispatcher: it keeps every message in memory, once per id
// (a repeated id is the relay retrying and is accepted without keeping it again,
// as letters.Dispatcher requires), with the day it was sent. write turns them into
// files at the end.
type outbox struct {
	clock *clock
	loc   *time.Location

	mu      sync.Mutex
	seen    map[string]bool
	sent    []sentLetter
	repeats int
}

type sentLetter struct {
	Day date.Date
	Msg letters.Message
}

func newOutbox(c *clock, loc *time.Location) *outbox {
	return &outbox{clock: c, loc: loc, seen: map[string]bool{}}
}

// Deliver implements letters.Dispatcher.
func (o *outbox) Deliver(_ context.Context, m letters.Message) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.seen[m.ID] {
		o.repeats++
		return nil
	}
	o.seen[m.ID] = true
	o.sent = append(o.sent, sentLetter{Day: date.Today(o.clock, o.loc), Msg: m})
	return nil
}

// letters returns the messages delivered so far.
func (o *outbox) letters() []sentLetter {
	o.mu.Lock()
	defer o.mu.Unlock()
	return slices.Clone(o.sent)
}

// indexEntry is one letter in index.html.
type indexEntry struct {
	Href, ID, Subject, Recipient, Channel string
}

type indexGroup struct {
	Kind, Lang string
	Entries    []indexEntry
}

type indexDay struct {
	Day    date.Date
	Count  int
	Groups []indexGroup
}

// write writes every letter as an HTML file under dir/letters/<day>/ and dir/index.html,
// which links them all, grouped by day, then kind and language. It returns the
// number of files written. The letters folder is the program's own: it is replaced.
func (o *outbox) write(dir string) (int, error) {
	sent := o.letters()
	lettersDir := filepath.Join(dir, "letters")
	if err := os.RemoveAll(lettersDir); err != nil {
		return 0, err
	}
	days := map[date.Date]map[[2]string][]indexEntry{}
	for _, s := range sent {
		rel := filepath.ToSlash(filepath.Join("letters", s.Day.String(), fileName(s.Msg.ID)+".html"))
		path := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return 0, err
		}
		body := s.Msg.HTML
		if body == "" { // an SMS has no HTML
			body = "<!DOCTYPE html><meta charset=\"utf-8\"><pre>" + template.HTMLEscapeString(s.Msg.Text) + "</pre>"
		}
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			return 0, err
		}
		if days[s.Day] == nil {
			days[s.Day] = map[[2]string][]indexEntry{}
		}
		k := [2]string{s.Msg.Kind.String(), s.Msg.Lang.String()}
		days[s.Day][k] = append(days[s.Day][k], indexEntry{Href: rel, ID: s.Msg.ID, Subject: s.Msg.Subject,
			Recipient: firstLine(s.Msg.Recipient), Channel: s.Msg.Channel.String()})
	}
	var idx []indexDay
	for day, groups := range days {
		d := indexDay{Day: day}
		for k, es := range groups {
			slices.SortFunc(es, func(a, b indexEntry) int { return cmp.Compare(a.ID, b.ID) })
			d.Groups = append(d.Groups, indexGroup{Kind: k[0], Lang: k[1], Entries: es})
			d.Count += len(es)
		}
		slices.SortFunc(d.Groups, func(a, b indexGroup) int { return cmp.Or(cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Lang, b.Lang)) })
		idx = append(idx, d)
	}
	slices.SortFunc(idx, func(a, b indexDay) int { return a.Day.Compare(b.Day) })
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, err
	}
	f, err := os.Create(filepath.Join(dir, "index.html"))
	if err != nil {
		return 0, err
	}
	if err := indexPage.Execute(f, map[string]any{"Creditor": nordhavn.Name, "Count": len(sent), "Days": idx}); err != nil {
		f.Close()
		return 0, err
	}
	return len(sent), f.Close()
}

// fileName makes a message id ("C202510001/0/2") a file name ("C202510001-0-2").
func fileName(id string) string {
	return strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == ':' {
			return '-'
		}
		return r
	}, id)
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}

var indexPage = template.Must(template.New("index").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>dunning quickstart: {{.Count}} letters</title>
<style>
body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:70em}
h2{margin-top:1.6em;border-bottom:1px solid #ccc}
h3{font-size:1em;margin:.8em 0 .2em}
ul{margin:0;padding-left:1.2em}
li{font-size:10pt}
.meta{color:#666}
</style>
</head>
<body>
<h1>Letters sent by {{.Creditor}}</h1>
<p>{{.Count}} letters from the quickstart's daily batch runs, by the day they were sent,
then by kind and language. Each links to the HTML letter.</p>
{{range .Days}}<h2>{{.Day}} <span class="meta">({{.Count}})</span></h2>
{{range .Groups}}<h3>{{.Kind}} · {{.Lang}} <span class="meta">({{len .Entries}})</span></h3>
<ul>
{{range .Entries}}<li data-id="{{.ID}}"><a href="{{.Href}}">{{.Subject}}</a> <span class="meta">{{.ID}} · {{.Channel}} to {{.Recipient}}</span></li>
{{end}}</ul>
{{end}}{{end}}</body>
</html>
`))
