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
	// PostgreSQL's greatest(a, b), which SQLite writes max(a, b): with it the SQL both stores run is one text.
	err = sqlite.RegisterDeterministicScalarFunction("greatest", -1,
		func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			var best driver.Value
			for _, a := range args {
				if a != nil && (best == nil || greater(a, best)) {
					best = a
				}
			}
			return best, nil
		})
	if err != nil {
		panic("cannot register greatest: " + err.Error())
	}
	err = sqlite.RegisterDeterministicScalarFunction("least", -1,
		func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			var best driver.Value
			for _, a := range args {
				if a != nil && (best == nil || greater(best, a)) {
					best = a
				}
			}
			return best, nil
		})
	if err != nil {
		panic("cannot register least: " + err.Error())
	}
}

// greater compares two SQLite values of one kind: texts (the store's ISO dates) or numbers.
func greater(a, b driver.Value) bool {
	switch x := a.(type) {
	case string:
		y, ok := b.(string)
		return ok && x > y
	case int64:
		y, ok := b.(int64)
		return ok && x > y
	case float64:
		y, ok := b.(float64)
		return ok && x > y
	}
	return false
}
