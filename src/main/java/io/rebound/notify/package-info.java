/** Slack and generic webhook notifications on escalation and resolution. Uses incident. */
package io.rebound.notify;
