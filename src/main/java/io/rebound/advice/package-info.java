/**
 * Optional, advisory AI summaries: when an incident escalates and an OpenAI-compatible endpoint is
 * configured ({@code rebound.ai.*}, off by default), a model writes a short root-cause summary and
 * next steps (for an UnknownError, a classification row to consider), stored beside the incident
 * and shown as advisory. It reads the incident after its decision is committed and never changes
 * it; a timeout and token caps per incident and per day bound the cost. Nothing here is exposed to
 * other modules (it adds "advice" to the incident's API answer). Uses failure, incident, connector
 * (the chat-completions client).
 */
package io.rebound.advice;
