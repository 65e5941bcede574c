/*
 * berth-init: the small PID 1 of `docker run --init`. It starts the command as its child,
 * passes every signal it gets on to it, reaps every process that ends up its child (orphans
 * are reparented to PID 1 inside the container), and exits as the command did: its status, or
 * 128 + the signal that killed it.
 *
 * Usage: berth-init -- command [args...]
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int
main (int argc, char **argv)
{
  sigset_t all, old;
  int first = 1;
  pid_t child;

  if (argc > 1 && strcmp (argv[1], "--") == 0)
    first = 2;
  if (first >= argc)
    {
      fprintf (stderr, "usage: berth-init -- command [args...]\n");
      return 2;
    }
  /* Signals wait for sigwaitinfo below; the command gets the mask it would have had. */
  sigfillset (&all);
  sigprocmask (SIG_BLOCK, &all, &old);
  child = fork ();
  if (child < 0)
    {
      perror ("berth-init: fork");
      return 1;
    }
  if (child == 0)
    {
      sigprocmask (SIG_SETMASK, &old, NULL);
      execvp (argv[first], &argv[first]);
      fprintf (stderr, "berth-init: exec %s: %s\n", argv[first], strerror (errno));
      _exit (errno == ENOENT ? 127 : 126);
    }
  for (;;)
    {
      siginfo_t info;
      int sig = sigwaitinfo (&all, &info);

      if (sig < 0)
        continue;
      if (sig != SIGCHLD)
        {
          kill (child, sig);
          continue;
        }
      for (;;)
        {
          int status;
          pid_t pid = waitpid (-1, &status, WNOHANG);

          if (pid <= 0)
            break;
          if (pid == child)
            {
              /* the command is done: what it left behind goes with the container */
              if (WIFEXITED (status))
                return WEXITSTATUS (status);
              return 128 + WTERMSIG (status);
            }
        }
    }
}
