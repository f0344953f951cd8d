/**
 * System notifications for a watch (issue 15). Permission is asked only when the person
 * presses the button that says so, never by itself (browsers also refuse a request that no
 * click started). A notification goes through the service worker's registration when there
 * is one — Chromium on Android has no `new Notification()` in a page — else the page's own.
 */

export type NotifyPermission = 'default' | 'granted' | 'denied' | 'unsupported';

/** What the browser has decided so far; `unsupported` where there are no notifications. */
export function notifyPermission(): NotifyPermission {
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.permission;
}

/** Asks (call only from the person's click); resolves with the answer. */
export async function askNotifyPermission(): Promise<NotifyPermission> {
  if (typeof Notification === 'undefined') return 'unsupported';
  try {
    return await Notification.requestPermission();
  } catch {
    return Notification.permission;
  }
}

/**
 * Calls `changed` when the person changes the permission in the browser's site settings
 * (where the browser reports it); returns the stop function.
 */
export function followNotifyPermission(changed: (state: NotifyPermission) => void): () => void {
  let status: PermissionStatus | null = null;
  let stopped = false;
  const heard = () => changed(notifyPermission());
  navigator.permissions
    ?.query({ name: 'notifications' })
    .then((s) => {
      if (stopped) return;
      status = s;
      s.addEventListener('change', heard);
    })
    .catch(() => undefined);
  return () => {
    stopped = true;
    status?.removeEventListener('change', heard);
  };
}

/**
 * Shows a notification when the person allowed them; resolves with what to tell them when
 * it failed, else null. `tag` replaces the watch's previous notification instead of
 * stacking another.
 */
export async function showNotification(
  title: string,
  body: string,
  tag: string,
): Promise<string | null> {
  if (notifyPermission() !== 'granted') return null;
  const options: NotificationOptions = {
    body,
    tag,
    icon: new URL('pwa-192x192.png', document.baseURI).href,
  };
  try {
    const registration =
      'serviceWorker' in navigator ? await navigator.serviceWorker.getRegistration() : undefined;
    if (registration !== undefined) {
      await registration.showNotification(title, options);
    } else {
      new Notification(title, options);
    }
    return null;
  } catch (error) {
    return `The notification could not be shown (${error instanceof Error ? error.message : String(error)}).`;
  }
}
