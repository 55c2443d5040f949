package htmlreport

import (
	"encoding/json"

	"github.com/removalsim/removalsim/procedure"
)

// diagram is the procedure as a graph for charts.js's "procedure"
// section: nodes with fixed positions (an ECharts graph without a
// force layout, so the drawing is the same every time) and links.
type diagram struct {
	Nodes []node `json:"nodes"`
	Links []link `json:"links"`
}

type node struct {
	Name     string  `json:"name"`
	X        float64 `json:"x"`
	Y        float64 `json:"y"`
	Category int     `json:"category"`
}

type link struct {
	From  string `json:"from"`
	To    string `json:"to"`
	Guard string `json:"guard"`
	Rule  string `json:"rule"`
}

// Node categories, as charts.js names them.
const (
	catEntry = iota
	catReleased
	catDetained
	catExit
)

// Procedure returns the section drawing the state machine of rules r:
// entries on the left, then each state in the column of its shortest
// distance from an entry, exits in the last column.
func Procedure(r *procedure.Rules) (Section, error) {
	ts := procedure.Transitions(r)
	es := procedure.Entries(r)
	var d diagram
	next := map[string][]string{}
	add := func(from, to, guard, rule string) {
		d.Links = append(d.Links, link{from, to, guard, rule})
		next[from] = append(next[from], to)
	}
	for _, e := range es {
		add(e.Source.String(), e.To.String(), e.Guard, e.Rule)
	}
	for _, t := range ts {
		add(t.From.String(), t.To.String(), t.Guard, t.Rule)
	}
	// Shortest distance from the entries, breadth first.
	rank := map[string]int{}
	queue := procedure.EntrySources()
	for _, s := range queue {
		rank[s] = 0
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for _, t := range next[s] {
			if _, seen := rank[t]; !seen {
				rank[t] = rank[s] + 1
				queue = append(queue, t)
			}
		}
	}
	last := 0
	for s := procedure.State(0); s < procedure.NumStates; s++ {
		if !s.Terminal() {
			last = max(last, rank[s.String()])
		}
	}
	rows := map[int]int{}
	place := func(name string, col, cat int) {
		d.Nodes = append(d.Nodes, node{name, float64(col) * 180, float64(rows[col]) * 70, cat})
		rows[col]++
	}
	for _, s := range procedure.EntrySources() {
		place(s, 0, catEntry)
	}
	for s := procedure.State(0); s < procedure.NumStates; s++ {
		switch {
		case s.Terminal():
			place(s.String(), last+1, catExit)
		case s.Detained():
			place(s.String(), rank[s.String()], catDetained)
		default:
			place(s.String(), rank[s.String()], catReleased)
		}
	}
	b, err := json.Marshal(d)
	if err != nil {
		return Section{}, err
	}
	return Section{ID: "procedure", Kind: "procedure", Name: "The legal procedure", Data: b}, nil
}
