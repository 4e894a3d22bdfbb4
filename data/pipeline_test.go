package data

import "strings"

// peopleNames is the names of people in their order, joined with "|".
func peopleNames(people []ContactPerson) string {
	names := make([]string, len(people))
	for i, p := range people {
		names[i] = p.Name
	}
	return strings.Join(names, "|")
}
