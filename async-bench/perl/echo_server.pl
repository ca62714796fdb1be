#!/usr/bin/perl
# echo_server.pl -- the Perl IO::Async twin of dev.ioasync.bench.manyconn.ManyConnServer, for the
# echo-scaling curve (dev.ioasync.bench.manyconn.EchoScaling): a listener on 127.0.0.1 (any port,
# listen queue 4096) whose streams write back what they read, on the default loop
# (IO::Async::Loop->really_new, Epoll here).
#
# It prints its port, then answers commands on standard input:
#   stats  prints "STATS conns=N rssKb=K fds=F" (open connections, resident set size, open fds)
#   quit   (or the end of input) stops it.
#
# Usage: perl echo_server.pl
use strict;
use warnings;

use IO::Async::Loop;
use IO::Async::Listener;
use IO::Async::Stream;
use Socket qw( IPPROTO_TCP TCP_NODELAY );

$| = 1;
my $loop = IO::Async::Loop->really_new;
my $open = 0;

my $listener = IO::Async::Listener->new(
   on_stream => sub {
      my ( undef, $stream ) = @_;
      $open++;
      $stream->read_handle->setsockopt( IPPROTO_TCP, TCP_NODELAY, 1 );
      $stream->configure(
         on_read => sub {
            my ( $self, $buffref, $eof ) = @_;
            $self->write( $$buffref ) if length $$buffref;
            $$buffref = "";
            if( $eof ) { $open--; $self->close_when_empty; }
            return 0;
         },
         on_read_error  => sub { $open--; $_[0]->close_now },
         on_write_error => sub { },
      );
      $loop->add( $stream );
   },
);
$loop->add( $listener );
$listener->listen(
   addr      => { family => "inet", socktype => "stream", ip => "127.0.0.1", port => 0 },
   queuesize => 4096,
)->get;
print $listener->read_handle->sockport, "\n";

sub rss_kb
{
   open my $fh, "<", "/proc/self/status" or return -1;
   while( <$fh> ) { return $1 if /^VmRSS:\s+(\d+)/ }
   return -1;
}

sub fds
{
   opendir my $dh, "/proc/self/fd" or return -1;
   my @fds = grep { !/^\./ } readdir $dh;
   return scalar @fds;
}

my $commands = IO::Async::Stream->new_for_stdin(
   on_read => sub {
      my ( $self, $buffref, $eof ) = @_;
      while( $$buffref =~ s/^(.*)\n// ) {
         my $line = $1;
         if( $line eq "stats" ) {
            printf "STATS conns=%d rssKb=%d fds=%d\n", $open, rss_kb(), fds();
         }
         elsif( $line eq "quit" ) {
            $loop->stop;
         }
      }
      $loop->stop if $eof;
      return 0;
   },
);
$loop->add( $commands );
$loop->run;
