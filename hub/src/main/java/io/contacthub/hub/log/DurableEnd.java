package io.contacthub.hub.log;

/**
 * Where the durable records end: every record below {@code nextSeq} is on disk, the last of them in
 * the segment starting at {@code segmentFirstSeq}, whose data ends at byte {@code segmentBytes}.
 */
record DurableEnd(long segmentFirstSeq, long segmentBytes, long nextSeq) {}
