package dev.runsapi.conformance.report;

/** A distinct finding of a check, by its number in that check: {@code errors-validation #3}. */
public record FindingRef(String check, int number, Finding finding) {

    public String label() {
        return check + " #" + number;
    }
}
