package dev.sturdy.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.protocol.net.Network;
import dev.sturdy.protocol.net.NetworkException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a stream may hold on a role: the dealer's send window, the cap on data of streams nobody
 * opened, stopping a stream on every peer when one role gives up, and stream ids not reused.
 */
class StreamLimitsTest {
    private static final int CHUNK = Frames.MAX_CHUNK_ELEMENTS; // 2 MiB of payload
    private static final long WINDOW_CHUNKS = FlowControl.DEALER_WINDOW / (8L * CHUNK);
    private final LoopbackRoles roles = new LoopbackRoles();

    @AfterEach
    void stop() {
        roles.close();
    }

    private static long[] message(int n, long seed) {
        long[] m = new long[n];
        for (int i = 0; i < n; i++) {
            m[i] = seed * 1_000_003L + i;
        }
        return m;
    }

    /** Waits until {@code count} stops growing for half a second (a blocked sender). */
    private static int settle(AtomicInteger count) throws InterruptedException {
        int last = -1;
        while (count.get() != last) {
            last = count.get();
            Thread.sleep(500);
        }
        return last;
    }

    @Test
    void theDealerSendsAtMostItsWindowAheadOfWhatAPartyReadsAndAllOfItArrives() throws Exception {
        NettyTransport[] t = roles.start(2, true, Duration.ofSeconds(30));
        Network party = t[0].open(5);
        Network dealer = t[2].open(5);
        int messages = (int) (3 * WINDOW_CHUNKS);
        AtomicInteger sent = new AtomicInteger();
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < messages; i++) {
                dealer.send(0, i, message(CHUNK, i));
                sent.incrementAndGet();
            }
        });
        int ahead = settle(sent);
        assertTrue(ahead >= WINDOW_CHUNKS - 1 && ahead <= WINDOW_CHUNKS, "the dealer sent " + ahead
                + " messages of 2 MiB before party 0 read any; its window is " + WINDOW_CHUNKS);
        for (int i = 0; i < messages; i++) {
            assertArrayEquals(message(CHUNK, i), party.receive(2, i), "message " + i);
        }
        sending.get(30, TimeUnit.SECONDS);
        assertEquals(messages, sent.get());
    }

    @Test
    void aPartyThatGivesUpStopsTheDealerAndTheOtherPartyAtOnce() throws Exception {
        NettyTransport[] t = roles.start(2, true, Duration.ofSeconds(60));
        Network party0 = t[0].open(6);
        Network party1 = t[1].open(6);
        Network dealer = t[2].open(6);
        CompletableFuture<Void> dealing = CompletableFuture.runAsync(() -> {
            for (int i = 0; ; i++) {
                dealer.send(0, i, message(CHUNK, i));
            }
        });
        CompletableFuture<long[]> waiting = CompletableFuture.supplyAsync(() -> party1.receive(0, 1L));
        Thread.sleep(500); // the dealer's window is full by now; party 1 waits
        party0.abandon("its client cancelled the query");
        party0.close();
        // 60 s receive timeout: only the stop can end these in time
        String dealerError = cause(dealing);
        assertTrue(dealerError.contains("the dealer (id 2): party 0 stopped this query: party 0: its client cancelled"),
                dealerError);
        String partyError = cause(waiting);
        assertTrue(partyError.contains("party 1: party 0 stopped this query"), partyError);
        dealer.close();
        party1.close();
    }

    /** The NetworkException {@code f} ended with; a TimeoutException if it did not end within 10 s. */
    private static String cause(CompletableFuture<?> f) throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof NetworkException, String.valueOf(e.getCause()));
        return e.getCause().getMessage();
    }

    @Test
    void dataForStreamsNobodyOpenedIsCappedAndTheSenderIsTold() throws Exception {
        NettyTransport[] t = roles.start(2, true, Duration.ofSeconds(30));
        Network sender = t[0].open(9);
        long cap = FlowControl.MAX_UNCLAIMED;
        NetworkException e = assertThrows(NetworkException.class, () -> {
            for (int i = 0; i < 2 * cap / (8 * CHUNK); i++) {
                sender.send(1, i, message(CHUNK, i));
                Thread.sleep(20); // lets the refusal come back before the loop ends
            }
        });
        assertTrue(e.getMessage().contains("party 1 holds more than 64 MiB from party 0 for queries no client asked"),
                e.getMessage());
        assertTrue(t[1].unclaimedBytes() <= cap, t[1].unclaimedBytes() + " bytes held");
        assertEquals(0, t[1].unclaimedBytes(), "a stopped stream's data is dropped");
        sender.close();
    }

    @Test
    void aClosedStreamsIdIsRefusedAndItsLateFramesAreDropped() {
        NettyTransport[] t = roles.start(2, true, Duration.ofSeconds(30));
        Network a = t[0].open(11);
        Network b = t[1].open(11);
        a.send(1, 1L, new long[] {1});
        assertArrayEquals(new long[] {1}, b.receive(0, 1L));
        b.close();
        a.send(1, 2L, new long[] {2}); // late: b is gone
        assertThrows(StreamReusedException.class, () -> t[1].open(11));
        a.close();
        assertThrows(StreamReusedException.class, () -> t[0].open(11));
    }

    @Test
    void aStreamAPeerStoppedBeforeThisRoleOpenedItFailsWithThePeersReason() {
        NettyTransport[] t = roles.start(2, true, Duration.ofSeconds(30));
        Network a = t[0].open(12);
        a.send(1, 1L, new long[] {1});
        a.abandon("no answer");
        a.close();
        Network late = t[1].open(12);
        NetworkException e = assertThrows(NetworkException.class, () -> {
            while (true) {
                late.receive(0, 1L); // the queued message may come first; the stop follows
                late.receive(0, 2L);
            }
        });
        assertTrue(e.getMessage().contains("party 0 stopped this query: party 0: no answer"), e.getMessage());
    }
}
