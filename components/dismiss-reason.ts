// The longest dismissal reason the API accepts (cloud and web anomalies), on its own so the web
// anomaly page gets the number without the cloud dismiss dialog's module (and what it imports).
export const MAX_REASON = 1000;
