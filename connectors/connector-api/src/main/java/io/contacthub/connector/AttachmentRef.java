package io.contacthub.connector;

/**
 * Attachment metadata carried on the timeline; the content lives elsewhere.
 *
 * @param id stable id within the hub (used in download URLs), or null when the content is remote
 * @param url where the content can be fetched, for remote media (a platform media id URL, a call
 *     recording); null when the hub stores it
 * @param inline whether it is referenced from the HTML body (cid:) rather than attached
 */
public record AttachmentRef(
    String id, String filename, String contentType, long size, String url, boolean inline) {}
