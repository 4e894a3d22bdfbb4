// Package suggest ranks partner clusters abroad for a home cluster: those that share enough to start talking
// (touch points) and differ enough to bring something new. It is pure Go over []data.Cluster; the catalogue
// and the GUI feed it and show its results.
//
// # Score
//
// For a home H and a candidate C in another country, with curiosity c in [0,1] (clamped) and u = c^1.5, the
// score is
//
//	score = (0.85·M + 0.15·L) · (0.8 if the label ran out more than a year before Today, else 1)
//	M     = (1−u)²·S' + 2u(1−u)·√(S'·C') + u²·C'
//	S     = 0.3·E + 0.7·T                  (likeness: shared words weigh more than a shared broad ecosystem)
//	C     = D·(0.6 + 0.4·√S)               (complementarity: what C brings, worth more with a touch point)
//
// where S' and C' are S and C divided by the best S and C among this home's candidates, and every part lies in
// [0,1], so the score does too. Scaled so, neither side drowns the other; the slider moves the weight from
// likeness (c = 0) through candidates that are both alike and complementary (the middle) to complementarity
// (c = 1), so the list changes over its whole length. u = c^1.5 keeps the first step from only breaking the ties
// among the similar. Clusters the user marked closed come last, whatever their score.
//
//   - E, shared ecosystems: the mean of the home's coverage |H∩C|/|H| and the Dice coefficient
//     2|H∩C|/(|H|+|C|). Coverage says whether there is a touch point at all; Dice makes a pure food cluster
//     more alike to a pure food cluster than a food-and-health one is, without burying the latter.
//   - T, text similarity: the square root of the cosine between TF-IDF vectors of the home's name and keywords
//     and the candidate's name, focus, description and sectors. Words are folded (data.Fold), stop words of
//     twelve European languages, cluster words ("cluster", "klynge", "network", legal forms) and country names
//     are dropped, and each word is cut to its first five letters, a crude stemmer that works across languages
//     ("energy", "Energie", "energia"). TF is 1+ln(tf); IDF is 1+ln((N+1)/(df+1)) over the whole index.
//     The square root spreads the small cosines that short focus phrases give.
//   - D, complementary ecosystems: the ecosystems C has and H lacks that complement one of H's in
//     ComplementTable, each with the strength s of its best pair with H (Strong 1, Moderate 0.6), combined as
//     1 − Π(1 − 0.7·s): one strong complement gives 0.7, two give 0.91.
//   - L, label quality as of Options.Today: valid gold 1, valid silver 0.8, valid bronze 0.6, a label without a
//     known validity date 0.3 to 0.4 by level, an expired label 0.15 to 0.2 by level, none 0, and a label that ran
//     out more than a year ago (or whose year-only estimate did) 0, with the score cut by a fifth: such a
//     cluster may have wound down.
//
// A suggestion's reasons are structured: the sectors and words both use (SharedTerms), the ecosystems both
// have, the complementary ecosystems and the words the candidate brings (BroughtTerms: words at least two
// clusters use, not places). The window and the command line phrase them.
//
// Candidates with nothing in common and nothing to bring (E, T and D all 0) are not suggested. The home
// itself (same ID) and clusters in the home's country are left out; so are clusters of unknown country when the
// home's country is known.
package suggest
