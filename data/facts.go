package data

// Field names in cluster_facts: each names one fact of a cluster whose source the catalogue remembers.
const (
	FieldName        = "name"
	FieldAcronym     = "acronym"
	FieldCountry     = "country"
	FieldRegion      = "region"
	FieldCity        = "city"
	FieldFocus       = "focus"
	FieldDescription = "description"
	FieldContact     = "contact"
	FieldWebsite     = "website"
	FieldMembers     = "members"
	FieldFounded     = "founded"
	FieldLabel       = "label" // level, year and valid-until date together: one source states them as one
)
