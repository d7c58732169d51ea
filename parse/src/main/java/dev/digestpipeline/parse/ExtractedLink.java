package dev.digestpipeline.parse;

/** A link with its kind: code, project, paper, pdf, html, model, dataset, space, collection or other. */
public record ExtractedLink(String kind, String url) {}
