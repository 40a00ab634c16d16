package io.rebound.notify;

/** Tells people how an incident ended. Returns at once; never throws. */
public interface IncidentNotifier {

  void send(IncidentNotice notice);
}
