/**
 * The {@code sandbox} profile's Jira Cloud stand-in (WireMock inside the service): issues and
 * comments are answered with Atlassian's documented shapes, so an escalation in the sandbox opens a
 * Jira issue without a Jira site.
 */
package io.rebound.ticket.sandbox;
