package com.starrymeet.stripesim;

/** Runs the simulator as its own process. */
public final class StripeSimulatorMain {
    private StripeSimulatorMain() {
    }

    public static void main(String[] args) throws Exception {
        throw new UnsupportedOperationException("not yet");
    }
}
