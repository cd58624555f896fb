package dev.runsapi.conformance.engine;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PropertyTest {

    @Nested
    @DisplayName("finding and shrinking counterexamples")
    class Shrinking {

        @Test
        void listContainingAnElementOfAtLeast100_shrinksTo_theList100() {
            Gen<List<Integer>> lists = Gen.listOf(Gen.ints(0, 1000), 0, 20);
            var out = Property.forAll(lists)
                    .shrinkWith(Shrinker.lists(Shrinker.intsTowards(0)))
                    .tries(200)
                    .maxShrinkEvaluations(10_000)
                    .checkThat(new Source(42), l -> l.stream().allMatch(x -> x < 100));
            assertTrue(out.falsified());
            assertEquals(List.of(100), out.minimal());
        }

        @Test
        void paramSetContainingBothXAndY_shrinksTo_exactlyXAndY() {
            List<String> names = List.of("a", "b", "X", "c", "Y", "d", "e", "f");
            Gen<List<String>> sets = Gen.distinctListOf(Gen.elements(names), 0, 8);
            var out = Property.forAll(sets)
                    .shrinkWith(Shrinker.lists(Shrinker.none()))
                    .tries(500)
                    .maxShrinkEvaluations(10_000)
                    .checkThat(new Source(7), l -> !(l.contains("X") && l.contains("Y")));
            assertTrue(out.falsified());
            assertEquals(Set.of("X", "Y"), new TreeSet<>(out.minimal()));
            assertEquals(2, out.minimal().size());
        }

        @Test
        void anIntAbove1234_shrinksTo_1235() {
            var out = Property.forAll(Gen.ints(0, 1_000_000))
                    .shrinkWith(Shrinker.intsTowards(0))
                    .maxShrinkEvaluations(10_000)
                    .checkThat(new Source(1), x -> x <= 1234);
            assertEquals(1235, out.minimal());
        }

        @Test
        void shrinking_staysWithinItsEvaluationBudget() {
            List<Integer> evaluated = new ArrayList<>();
            var out = Property.forAll(Gen.listOf(Gen.ints(0, 1000), 5, 20))
                    .shrinkWith(Shrinker.lists(Shrinker.intsTowards(0)))
                    .maxShrinkEvaluations(5)
                    .checkThat(new Source(3), l -> {
                        evaluated.add(l.size());
                        return l.isEmpty();
                    });
            assertTrue(out.falsified());
            assertTrue(out.shrinkEvaluations() <= 5);
            assertEquals(1 + out.shrinkEvaluations(), evaluated.size());
        }
    }

    @Nested
    @DisplayName("reproducibility and bookkeeping")
    class Runs {

        @Test
        void sameSeed_generatesTheSameValues() {
            Gen<List<Integer>> g = Gen.listOf(Gen.ints(-50, 50), 0, 10);
            assertEquals(sample(g, 99), sample(g, 99));
            assertFalse(sample(g, 99).equals(sample(g, 100)));
        }

        @Test
        void forkedSources_dependOnlyOnSeedAndLabel() {
            Source a = new Source(5);
            a.between(0, 10);
            Source b = new Source(5);
            assertEquals(sample(Gen.ints(0, 1_000_000), a.fork("x").seed()), sample(Gen.ints(0, 1_000_000), b.fork("x").seed()));
            assertFalse(a.fork("x").seed() == a.fork("y").seed());
        }

        @Test
        void aPropertyThatHolds_runsEveryTryAndExample() {
            List<Integer> seen = new ArrayList<>();
            var out = Property.forAll(Gen.ints(0, 9)).examples(List.of(-1, -2)).tries(30)
                    .checkThat(new Source(0), x -> seen.add(x));
            assertTrue(out.passed());
            assertEquals(32, out.triesRun());
            assertEquals(List.of(-1, -2), seen.subList(0, 2));
        }

        @Test
        void examples_areTriedBeforeGeneratedValues() {
            var out = Property.forAll(Gen.constant(5)).examples(List.of(500)).tries(10)
                    .checkThat(new Source(0), x -> x < 100);
            assertEquals(1, out.triesRun());
            assertEquals(500, out.original());
        }

        private static <T> List<T> sample(Gen<T> g, long seed) {
            Source s = new Source(seed);
            List<T> out = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                out.add(g.generate(s));
            }
            return out;
        }
    }

    @Nested
    @DisplayName("exploring past the first counterexample")
    class Exploring {
        /** Two independent bugs: multiples of 7 and values above 900 fail; a value's signature says which. */
        final Property.Steering<Integer, String> steering = new Property.Steering<>() {
            @Override
            public String signature(Integer minimal, String evidence) {
                return evidence;
            }

            @Override
            public boolean covers(Integer known, Integer candidate) {
                return known % 7 == 0 ? candidate % 7 == 0 : known > 900 && candidate > 900;
            }
        };

        Optional<String> falsify(int x, List<Integer> evaluated) {
            evaluated.add(x);
            return x % 7 == 0 ? Optional.of("multiple of 7") : x > 900 ? Optional.of("above 900") : Optional.empty();
        }

        @Test
        void twoIndependentBugs_areBothFoundAndShrunk_eachOnce() {
            List<Integer> evaluated = new ArrayList<>();
            var out = Property.forAll(Gen.ints(0, 1000)).shrinkWith(Shrinker.intsTowards(0)).tries(200)
                    .maxShrinkEvaluations(100)
                    .explore(new Source(3), x -> falsify(x, evaluated), steering, 1000);
            assertEquals(List.of("multiple of 7", "above 900"), out.counterexamples().stream()
                    .map(Property.Counterexample::signature).sorted(java.util.Comparator.reverseOrder()).toList());
            for (var c : out.counterexamples()) {
                assertEquals(c.signature().equals("above 900") ? 901 : 0, c.minimal(), c.toString());
            }
        }

        @Test
        void aValueAKnownCounterexampleCovers_isNotEvaluatedAgain() {
            List<Integer> evaluated = new ArrayList<>();
            var out = Property.forAll(Gen.ints(0, 1000)).shrinkWith(Shrinker.intsTowards(0)).tries(200)
                    .maxShrinkEvaluations(100)
                    .explore(new Source(3), x -> falsify(x, evaluated), steering, 1000);
            assertTrue(out.coveredSkipped() > 0, out.toString());
            // Beyond the shrinking, no generated multiple of 7 was tried after the first one failed.
            long multiplesOf7 = evaluated.stream().filter(x -> x % 7 == 0 && x != 0).count();
            int shrinking = out.shrinkEvaluations();
            assertTrue(multiplesOf7 <= 1 + shrinking, evaluated.toString());
            assertEquals(200, out.evaluated() - 0, "tries count evaluated generated values only");
        }

        @Test
        void aPropertyThatHolds_seesExactlyTheValuesCheckWouldShowIt() {
            List<Integer> byCheck = new ArrayList<>();
            List<Integer> byExplore = new ArrayList<>();
            Property<Integer> p = Property.forAll(Gen.ints(0, 1000)).examples(List.of(5, 6)).tries(50);
            p.check(new Source(11), x -> {
                byCheck.add(x);
                return Optional.empty();
            });
            p.explore(new Source(11), x -> {
                byExplore.add(x);
                return Optional.<String>empty();
            }, steering, 100);
            assertEquals(byCheck, byExplore);
        }

        @Test
        void shrinkingOverAllCounterexamples_staysWithinTheTotalBudget() {
            var out = Property.forAll(Gen.ints(0, 1000)).shrinkWith(Shrinker.intsTowards(0)).tries(300)
                    .maxShrinkEvaluations(8)
                    .explore(new Source(5), x -> falsify(x, new ArrayList<>()), steering, 10);
            assertTrue(out.shrinkEvaluations() <= 10, out.toString());
            assertTrue(out.counterexamples().stream().allMatch(c -> c.shrinkEvaluations() <= 8), out.toString());
        }

        @Test
        void theSameSeed_exploresTheSameValuesInTheSameOrder() {
            List<Integer> a = new ArrayList<>();
            List<Integer> b = new ArrayList<>();
            Property<Integer> p = Property.forAll(Gen.ints(0, 1000)).shrinkWith(Shrinker.intsTowards(0)).tries(100);
            p.explore(new Source(9), x -> falsify(x, a), steering, 50);
            p.explore(new Source(9), x -> falsify(x, b), steering, 50);
            assertEquals(a, b);
        }

        @Test
        void valuesTheSteeringAvoids_areNeverEvaluated() {
            List<Integer> evaluated = new ArrayList<>();
            Property.Steering<Integer, String> avoidOdd = new Property.Steering<>() {
                @Override
                public String signature(Integer minimal, String evidence) {
                    return evidence;
                }

                @Override
                public boolean covers(Integer known, Integer candidate) {
                    return false;
                }

                @Override
                public boolean avoid(Integer candidate) {
                    return candidate % 2 == 1;
                }
            };
            var out = Property.forAll(Gen.ints(0, 1000)).tries(40)
                    .explore(new Source(2), x -> falsify(x, evaluated), avoidOdd, 0);
            assertTrue(evaluated.stream().allMatch(x -> x % 2 == 0), evaluated.toString());
            assertTrue(out.avoidedSkipped() > 0);
        }
    }
}
