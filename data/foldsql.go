package data

import (
	"database/sql/driver"

	"modernc.org/sqlite"
)

// The search index holds text as Fold writes it (syncFTS and migration 0009 call clusterbridge_fold), and
// MatchExpression folds what the user types the same way: one rule on both sides.
func init() {
	err := sqlite.RegisterDeterministicScalarFunction("clusterbridge_fold", 1,
		func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			switch v := args[0].(type) {
			case string:
				return Fold(v), nil
			case []byte:
				return Fold(string(v)), nil
			}
			return args[0], nil // NULL stays NULL; a number has nothing to fold
		})
	if err != nil {
		panic("cannot register clusterbridge_fold: " + err.Error())
	}
}
