// The dashboard's page skeleton while this section's page loads on the server. It sits here rather
// than in app/(dashboard)/loading.tsx so that the cloud anomaly page has no loading boundary above it:
// a fallback in the first HTML makes React hold the streamed page back for 300 ms after the shell
// paints (its reveal throttle), which put the chart ~300 ms behind the first paint (issue 12).
export { default } from "../(overview)/loading";
