package app

import (
	"errors"

	"fyne.io/fyne/v2/lang"

	"clusterbridge/data"
)

// changerName is who a refused change names as having changed the thing meanwhile, in the window's language.
func changerName(changedBy string) string {
	if changedBy == "" {
		return lang.L("someone else") // a change from before authors
	}
	return changedBy
}

// errorText is what the window says of an error: the store's kinds of failure (found with errors.Is, never by
// their wording) in the window's language, with what to do; any other error in the words it came with, which
// name a file, a page or a value the user can look for.
func errorText(err error) string {
	var stale *data.StaleEntryError
	var stalePerson *data.StalePersonError
	switch {
	case errors.As(err, &stalePerson):
		return lang.L("{{.Name}} was changed meanwhile by {{.Who}}. Nothing was changed; look and try again.",
			map[string]any{"Name": personName(stalePerson.Fresh), "Who": changerName(stalePerson.Fresh.ChangedBy)})
	case errors.As(err, &stale):
		who := changerName(stale.Fresh.ChangedBy)
		if stale.NextStep {
			return lang.L("{{.Cluster}} was changed meanwhile by {{.Who}}: its next step is now “{{.Next}}”. Nothing was changed; look and try again.",
				map[string]any{"Cluster": stale.Fresh.Cluster.Name, "Who": who, "Next": nextStepText(stale.Fresh.Next)})
		}
		return lang.L("{{.Cluster}} was changed meanwhile by {{.Who}}: it is now {{.Status}}. Nothing was changed; look and try again.",
			map[string]any{"Cluster": stale.Fresh.Cluster.Name, "Who": who, "Status": statusName(stale.Fresh.Status)})
	case errors.Is(err, data.ErrCopy):
		return lang.L("This is a read-only copy of a team catalogue, so nothing is saved here; make the change in the team catalogue, then copy it again.")
	case errors.Is(err, data.ErrServerKept):
		return lang.L("A team catalogue lives on its server: its administrator backs it up and brings back an earlier state. Ask them.")
	case errors.Is(err, data.ErrUnreachable):
		return lang.L("The team catalogue's server cannot be reached; check the address and your network, or work on your own catalogue file.")
	case errors.Is(err, data.ErrCertificate):
		return lang.L("The server did not prove it is the one in the address; check the host name, and give your organisation's CA certificate as sslrootcert=… in the address.")
	case errors.Is(err, data.ErrLogin):
		return lang.L("The server refused the user name or password; check them.")
	case errors.Is(err, data.ErrNoPermission):
		return lang.L("Your database role may not do this; ask the catalogue's administrator for the grants in the README.")
	case errors.Is(err, data.ErrLocked):
		return lang.L("The catalogue is locked by another program; close it and try again.")
	case errors.Is(err, data.ErrReadOnly):
		return lang.L("The catalogue is read-only; check the file's permissions, or open another catalogue.")
	case errors.Is(err, data.ErrCorrupt):
		return lang.L("The catalogue file is damaged; bring a backup back with File › Restore….")
	case errors.Is(err, data.ErrDiskFull):
		return lang.L("The disk is full; free some space and try again.")
	case errors.Is(err, data.ErrNotCatalogue):
		return lang.L("This file is not a ClusterBridge catalogue; open another one.")
	case errors.Is(err, data.ErrEmptyNote):
		return lang.L("The note is empty; write something to keep, or delete the note.")
	case errors.Is(err, data.ErrEmptyLogEntry):
		return lang.L("A log entry needs some text; to remove it, delete it.")
	case errors.Is(err, data.ErrDuplicate):
		return lang.L("A shortlist with that name exists already; choose another name.")
	case errors.Is(err, data.ErrReviewSettled):
		return lang.L("This match was already settled.")
	case errors.Is(err, data.ErrNotFound):
		return lang.L("It is no longer in the catalogue; another window or an import may have changed it.")
	}
	return capitalised(err.Error())
}
