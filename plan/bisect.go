package plan

// bisect searches between yes, a value known to hold, and no, one that
// may not, for the holding value nearest no, where ok is monotone along
// the way: once it fails going from yes towards no, it fails beyond. It
// does not call ok(yes); it returns the first error ok returns, with the
// value that held last.
//
// Over ints the answer is exact (no itself when ok(no) holds): each
// midpoint is rounded towards no, and a failed midpoint moves no one
// step past it. Over floats no is taken to fail (it is never tried) and
// the answer is yes after steps halvings, so it is within
// |yes-no|/2^steps of the boundary. steps also bounds the halvings over
// ints; pass maxSteps for an exact int search.
//
// Both ends may lie either way round: the planner searches towards lower
// paces, smaller additions and earlier months within a budget (no < yes),
// and towards later start months (no > yes).
func bisect[T int | float64](yes, no T, steps int, ok func(T) (bool, error)) (T, error) {
	var zero T
	_, exact := any(zero).(int)
	for range steps {
		if yes == no {
			break
		}
		mid := (yes + no) / 2
		if exact {
			mid = T(midToward(int(yes), int(no)))
		}
		if mid == yes || (!exact && mid == no) {
			break // floats: the ends are neighbours
		}
		held, err := ok(mid)
		if err != nil {
			return yes, err
		}
		switch {
		case held:
			yes = mid
		case !exact:
			no = mid
		case no > yes:
			no = mid - 1
		default:
			no = mid + 1
		}
	}
	return yes, nil
}

// maxSteps is enough halvings for an exact search over any int range.
const maxSteps = 64

// midToward is the midpoint of yes and no rounded towards no, so it is
// never yes while they differ.
func midToward(yes, no int) int {
	if no > yes {
		return yes + (no-yes+1)/2
	}
	return yes - (yes-no+1)/2
}
